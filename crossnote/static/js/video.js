/* Video notes play muted and looping; a tap on the video or its sound button turns the sound on
   (and off again). Delegated, so a video swapped in by the page's progress poll works too. */
(function () {
  "use strict";
  if (window.crossnoteVideo) return;
  window.crossnoteVideo = true;

  function toggle(frame) {
    var video = frame.querySelector("video");
    var button = frame.querySelector("[data-unmute]");
    if (!video) return;
    video.muted = !video.muted;
    if (video.paused) video.play().catch(function () {});
    if (button) {
      button.setAttribute("aria-pressed", String(!video.muted));
      button.textContent = video.muted ? button.dataset.off : button.dataset.on;
    }
  }

  document.addEventListener("click", function (e) {
    var frame = e.target.closest && e.target.closest("[data-video]");
    if (frame) toggle(frame);
  });
})();
