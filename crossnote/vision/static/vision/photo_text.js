// "Translate text in photo" (crossnote.vision): each line read in a photo is drawn, translated,
// over the photo where the line was, the way a phone camera translator does. Boxes come as
// fractions of the photo; the layer is laid over the part of the slide the photo fills
// (object-fit: contain leaves bands), and each line's type is shrunk until it fits its box.
(function () {
  "use strict";

  function photoRect(img) {
    var box = img.getBoundingClientRect(), fig = img.parentElement.getBoundingClientRect();
    var nw = img.naturalWidth || img.width, nh = img.naturalHeight || img.height;
    if (!nw || !nh || !box.width || !box.height) return null;
    var scale = Math.min(box.width / nw, box.height / nh);
    var w = nw * scale, h = nh * scale;
    return {
      left: box.left - fig.left + (box.width - w) / 2,
      top: box.top - fig.top + (box.height - h) / 2,
      width: w,
      height: h,
    };
  }

  // The translation takes its line's box: type as tall as the line, shrunk until it fits the
  // box's width. A translation much longer than its line (a word-by-word gloss) first widens
  // towards the photo's right edge, then wraps with its box growing downwards: readable rather
  // than microscopic.
  function overflows(span) { return span.scrollWidth > span.clientWidth + 1; }

  function fit(span, height) {
    var size = Math.max(9, Math.min(48, height * 0.78)), floor = Math.max(9, height * 0.45);
    span.classList.remove("wide", "wrapped");
    span.style.width = span.dataset.w * 100 + "%";
    span.style.fontSize = size + "px";
    while (size > floor && overflows(span)) {
      size -= 1;
      span.style.fontSize = size + "px";
    }
    if (!overflows(span)) return;
    span.classList.add("wide");
    span.style.width = "auto";
    span.style.maxWidth = (1 - span.dataset.x) * 100 + "%";
    if (overflows(span)) span.classList.add("wrapped");
  }

  function place(layer) {
    var img = layer.parentElement.querySelector("img");
    var rect = img && photoRect(img);
    if (!rect) return;
    layer.style.left = rect.left + "px";
    layer.style.top = rect.top + "px";
    layer.style.width = rect.width + "px";
    layer.style.height = rect.height + "px";
    layer.querySelectorAll("[data-line]").forEach(function (span) {
      fit(span, parseFloat(span.dataset.h) * rect.height);
    });
  }

  function draw(figure, data) {
    var layer = document.createElement("div");
    layer.className = "photo-text-layer";
    layer.setAttribute("lang", data.target || "");
    layer.setAttribute("data-testid", "photo-text-layer");
    data.lines.forEach(function (line) {
      if (!line.translation) return;
      var b = line.box, span = document.createElement("span");
      span.className = "photo-text-line";
      span.dataset.line = "";
      span.dataset.h = String(b[3] - b[1]);
      span.dataset.w = String(b[2] - b[0]);
      span.dataset.x = String(b[0]);
      span.style.left = b[0] * 100 + "%";
      span.style.top = b[1] * 100 + "%";
      span.style.width = (b[2] - b[0]) * 100 + "%";
      span.style.height = (b[3] - b[1]) * 100 + "%";
      span.title = line.text;
      span.textContent = line.translation;
      layer.appendChild(span);
    });
    figure.classList.add("has-photo-text");
    figure.appendChild(layer);
    place(layer);
    return layer;
  }

  function setup(bar) {
    var button = bar.querySelector("[data-photo-text-toggle]");
    if (!button) return;
    var detail = bar.closest("article") || document;
    var slides = detail.querySelectorAll(".carousel .slide");
    var positions = (bar.dataset.positions || "").split(",").filter(Boolean).map(Number);
    var status = bar.querySelector("[data-photo-text-status]");
    var layers = null, shown = false;

    function show(on) {
      shown = on;
      (layers || []).forEach(function (layer) { layer.hidden = !on; if (on) place(layer); });
      button.textContent = on ? bar.dataset.labelOriginal : bar.dataset.labelTranslate;
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }

    function load() {
      button.disabled = true;
      var asks = positions.map(function (position) {
        var url = bar.dataset.url.replace(/\/0\/text$/, "/" + position + "/text");
        url += "?translate_to=" + encodeURIComponent(bar.dataset.target || "en");
        return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
          .then(function (data) { return slides[position] ? draw(slides[position], data) : null; });
      });
      return Promise.allSettled(asks).then(function (results) {
        layers = results.filter(function (r) { return r.status === "fulfilled" && r.value; })
          .map(function (r) { return r.value; });
        status.textContent = layers.length ? "" : bar.dataset.labelFailed;
        button.disabled = false;
        if (layers.length) show(true);
      });
    }

    button.addEventListener("click", function () {
      if (layers === null) load();
      else show(!shown);
    });
    window.addEventListener("resize", function () { (layers || []).forEach(place); });
  }

  function start() { document.querySelectorAll("[data-photo-text]").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
