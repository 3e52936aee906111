/* The compose page's photo picker and character counters.

   Photos are kept in the page (object-URL previews) until the note is posted: remove, reorder
   (drag the handle, or the move-left/right buttons for keyboards and phones), crop to 3:4, 1:1 or
   4:3 (drag the photo or use the arrow keys to choose what the crop keeps), describe. The
   server's limits are rendered into the page (notes.forms.photo_limits) and checked here before
   anything is uploaded. The form is posted in the background (asking for JSON): when the server refuses
   it (a title, a photo it cannot read, a rate limit), its errors are shown and every chosen
   photo stays. A crop is made here, on a canvas: the cropped photo is an ordinary upload that
   the server verifies, strips and re-encodes like any other, so there are no crop parameters
   for it to trust. Without JavaScript the plain file input and form post still work. */
(function () {
  "use strict";

  var CROPS = { "3:4": 3 / 4, "1:1": 1, "4:3": 4 / 3 };
  var MAX_SIDE = 3200; // a cropped photo is drawn at most this wide or tall (the server keeps 1600)
  var EXTENSIONS = { jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", webp: "image/webp", gif: "image/gif" };

  function fmt(s, values) {
    return String(s).replace(/%\((\w+)\)s/g, function (m, k) { return k in values ? values[k] : m; });
  }

  function length(value) {
    // As the server counts: code points, a line break is one character.
    return Array.from(value.replace(/\r\n?/g, "\n")).length;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function initCounters(form, text) {
    form.querySelectorAll("[data-counter-for]").forEach(function (counter) {
      var field = document.getElementById(counter.dataset.counterFor);
      var max = parseInt(counter.dataset.max, 10);
      if (!field) return;
      counter.id = counter.id || field.id + "-counter";
      var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (described.indexOf(counter.id) < 0) described.push(counter.id);
      field.setAttribute("aria-describedby", described.join(" "));
      function update() {
        var n = length(field.value);
        counter.textContent = n + " / " + max + (n > max && text.over ? " · " + fmt(text.over, { n: n - max }) : "");
        counter.classList.toggle("over", n > max);
      }
      field.addEventListener("input", update);
      update();
    });
  }

  function initPicker(form, text) {
    var picker = form.querySelector("[data-picker]");
    if (!picker) return null;
    var input = picker.querySelector("input[type=file]");
    var list = picker.querySelector("[data-previews]");
    var count = picker.querySelector("[data-picker-count]");
    var message = picker.querySelector("[data-errors-for=images]");
    var limits = {
      photos: parseInt(picker.dataset.maxPhotos, 10),
      bytes: parseInt(picker.dataset.maxBytes, 10),
      mb: picker.dataset.maxMb,
      pixels: parseInt(picker.dataset.maxPixels, 10),
      types: picker.dataset.types.split(","),
      alt: parseInt(picker.dataset.altMax, 10),
    };
    var photos = [];
    var seq = 0;
    var dragging = null;

    // The file input stays in the form for a page without JavaScript; here a button opens it.
    picker.classList.add("js");
    input.classList.add("picker-input");
    input.tabIndex = -1;
    input.setAttribute("aria-hidden", "true");
    var add = el("button", { type: "button", className: "picker-add", "aria-describedby": "images-help", "data-picker-add": "" });
    add.appendChild(el("span", { "aria-hidden": "true", className: "plus" }, "+"));
    add.appendChild(el("span", { id: "images-add-text" }, text.add));
    list.after(add);
    add.addEventListener("click", function () { input.click(); });
    var label = picker.querySelector("label[for=id_images]");
    if (label) {
      label.id = "images-label";
      add.setAttribute("aria-labelledby", "images-add-text images-label");
    }

    var live = el("p", { className: "sr-only", "aria-live": "polite", "data-picker-live": "" });
    picker.appendChild(live);

    function say(words) { live.textContent = ""; setTimeout(function () { live.textContent = words; }, 30); }

    function setMessage(lines) {
      message.innerHTML = "";
      lines.forEach(function (line) { message.appendChild(el("p", {}, line)); });
      picker.classList.toggle("has-error", lines.length > 0);
    }

    function typeOf(file) {
      if (file.type) return file.type;
      var ext = (file.name.split(".").pop() || "").toLowerCase();
      return EXTENSIONS[ext] || "";
    }

    function mb(bytes) { return (bytes / (1024 * 1024)).toFixed(1); }

    function addFiles(files) {
      var notes = [];
      var left = 0;
      files.forEach(function (file) {
        if (limits.types.indexOf(typeOf(file)) < 0) {
          notes.push(fmt(text.bad_type, { name: file.name }));
        } else if (file.size === 0) {
          notes.push(fmt(text.empty, { name: file.name }));
        } else if (file.size > limits.bytes) {
          notes.push(fmt(text.too_big, { name: file.name, size: mb(file.size), max: limits.mb }));
        } else if (photos.length >= limits.photos) {
          left += 1;
        } else {
          var photo = { id: ++seq, file: file, url: URL.createObjectURL(file), crop: "original", x: 0.5, y: 0.5, alt: "" };
          photos.push(photo);
          probe(photo);
        }
      });
      if (left) notes.push(fmt(text.too_many, { max: limits.photos, n: left }));
      setMessage(notes);
      render();
    }

    function drop(photo, why) {
      var at = photos.indexOf(photo);
      if (at < 0) return;
      photos.splice(at, 1);
      URL.revokeObjectURL(photo.url);
      var lines = Array.prototype.map.call(message.querySelectorAll("p"), function (p) { return p.textContent; });
      if (why) lines.push(why);
      setMessage(lines);
      render();
    }

    // Decode each photo once: its size (for the pixel limit and crops) and a readable image.
    function probe(photo) {
      var img = new Image();
      img.onload = function () {
        photo.w = img.naturalWidth;
        photo.h = img.naturalHeight;
        photo.img = img;
        if (photo.w * photo.h > limits.pixels) {
          drop(photo, fmt(text.too_many_pixels, { name: photo.file.name, w: photo.w, h: photo.h, max: Math.floor(limits.pixels / 1e6) }));
        } else {
          render();
        }
      };
      img.onerror = function () { drop(photo, fmt(text.bad_type, { name: photo.file.name })); };
      img.src = photo.url;
    }

    function move(photo, to) {
      var from = photos.indexOf(photo);
      if (from < 0 || to < 0 || to >= photos.length || to === from) return;
      photos.splice(from, 1);
      photos.splice(to, 0, photo);
      render();
      say(fmt(text.moved, { n: to + 1 }));
    }

    function frameRatio(photo) {
      if (CROPS[photo.crop]) return CROPS[photo.crop];
      if (!photo.w) return 1;
      return Math.min(Math.max(photo.w / photo.h, 3 / 4), 4 / 3);
    }

    function place(photo, img) {
      img.style.objectPosition = (photo.x * 100).toFixed(1) + "% " + (photo.y * 100).toFixed(1) + "%";
    }

    function panning(photo, frame, img) {
      var start = null;
      frame.addEventListener("pointerdown", function (e) {
        if (photo.crop === "original" || !photo.w) return;
        e.preventDefault();
        frame.setPointerCapture(e.pointerId);
        var scale = Math.max(frame.clientWidth / photo.w, frame.clientHeight / photo.h);
        start = {
          px: e.clientX, py: e.clientY, x: photo.x, y: photo.y,
          spareX: photo.w * scale - frame.clientWidth, spareY: photo.h * scale - frame.clientHeight,
        };
      });
      frame.addEventListener("pointermove", function (e) {
        if (!start) return;
        if (start.spareX > 1) photo.x = Math.min(1, Math.max(0, start.x - (e.clientX - start.px) / start.spareX));
        if (start.spareY > 1) photo.y = Math.min(1, Math.max(0, start.y - (e.clientY - start.py) / start.spareY));
        place(photo, img);
      });
      function end() { start = null; }
      frame.addEventListener("pointerup", end);
      frame.addEventListener("pointercancel", end);
      frame.addEventListener("keydown", function (e) {
        var step = { ArrowLeft: [-0.05, 0], ArrowRight: [0.05, 0], ArrowUp: [0, -0.05], ArrowDown: [0, 0.05] }[e.key];
        if (!step || photo.crop === "original") return;
        e.preventDefault();
        photo.x = Math.min(1, Math.max(0, photo.x + step[0]));
        photo.y = Math.min(1, Math.max(0, photo.y + step[1]));
        place(photo, img);
      });
    }

    function tile(photo, index) {
      var n = index + 1;
      var item = el("li", { className: "picker-tile", "data-photo": String(photo.id) });
      var frame = el("div", { className: "picker-frame" + (photo.crop === "original" ? " whole" : " cropped") });
      frame.style.aspectRatio = String(frameRatio(photo));
      var img = el("img", { src: photo.url, alt: "", draggable: "false" });
      place(photo, img);
      frame.appendChild(img);
      if (photo.crop !== "original") {
        frame.tabIndex = 0;
        frame.setAttribute("role", "group");
        frame.setAttribute("aria-label", text.pan);
        frame.title = text.pan;
      }
      frame.appendChild(el("span", { className: "picker-index", "aria-hidden": "true" }, index === 0 ? n + " · " + text.cover : String(n)));
      panning(photo, frame, img);
      item.appendChild(frame);

      var remove = el("button", { type: "button", className: "picker-remove", "aria-label": fmt(text.remove, { n: n }), "data-remove": "" }, "×");
      remove.addEventListener("click", function () {
        drop(photo);
        say(fmt(text.removed, { n: n }));
        var next = list.querySelectorAll("[data-remove]")[Math.min(index, photos.length - 1)];
        (next || add).focus();
      });
      item.appendChild(remove);

      var tools = el("div", { className: "picker-tools" });
      var handle = el("button", { type: "button", className: "picker-handle", draggable: "true", "aria-label": fmt(text.drag, { n: n }), title: fmt(text.drag, { n: n }), "data-handle": "" }, "⠿");
      handle.addEventListener("dragstart", function (e) {
        dragging = photo;
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", String(photo.id));
        if (e.dataTransfer.setDragImage) e.dataTransfer.setDragImage(frame, 20, 20);
        item.classList.add("dragging");
      });
      handle.addEventListener("dragend", function () {
        dragging = null;
        list.querySelectorAll(".dragging, .drop-target").forEach(function (t) { t.classList.remove("dragging", "drop-target"); });
      });
      // A finger drags too (phones do not all start HTML drag and drop from a touch).
      handle.addEventListener("pointerdown", function (e) {
        if (e.pointerType !== "touch") return;
        e.preventDefault();
        handle.setPointerCapture(e.pointerId);
        item.classList.add("dragging");
        var target = null;
        function over(ev) {
          var hit = document.elementFromPoint(ev.clientX, ev.clientY);
          var tileEl = hit && hit.closest(".picker-tile");
          if (target && target !== tileEl) target.classList.remove("drop-target");
          target = tileEl && tileEl !== item && list.contains(tileEl) ? tileEl : null;
          if (target) target.classList.add("drop-target");
        }
        function up() {
          handle.removeEventListener("pointermove", over);
          handle.removeEventListener("pointerup", up);
          handle.removeEventListener("pointercancel", up);
          item.classList.remove("dragging");
          if (!target) return;
          var to = photos.findIndex(function (p) { return String(p.id) === target.dataset.photo; });
          move(photo, to);
        }
        handle.addEventListener("pointermove", over);
        handle.addEventListener("pointerup", up);
        handle.addEventListener("pointercancel", up);
      });
      var left = el("button", { type: "button", className: "picker-move", "aria-label": fmt(text.left, { n: n }), title: fmt(text.left, { n: n }), "data-move": "-1" }, "‹");
      var right = el("button", { type: "button", className: "picker-move", "aria-label": fmt(text.right, { n: n }), title: fmt(text.right, { n: n }), "data-move": "1" }, "›");
      left.disabled = index === 0;
      right.disabled = index === photos.length - 1;
      [left, right].forEach(function (btn) {
        btn.addEventListener("click", function () {
          var to = photos.indexOf(photo) + parseInt(btn.dataset.move, 10);
          move(photo, to);
          // Keep the focus on the same control of the moved photo (or its other arrow at an end).
          var moved = list.querySelector('[data-photo="' + photo.id + '"]');
          if (moved) {
            var same = moved.querySelector('[data-move="' + btn.dataset.move + '"]');
            (same && !same.disabled ? same : moved.querySelector('[data-move="' + -btn.dataset.move + '"]')).focus();
          }
        });
      });
      tools.appendChild(left);
      tools.appendChild(handle);
      tools.appendChild(right);
      item.appendChild(tools);

      var crops = el("div", { className: "picker-crop", role: "group", "aria-label": fmt(text.crop, { n: n }) });
      ["original", "3:4", "1:1", "4:3"].forEach(function (crop) {
        var btn = el("button", { type: "button", "data-crop": crop, "aria-pressed": String(photo.crop === crop) }, crop === "original" ? text.original : crop);
        btn.addEventListener("click", function () {
          photo.crop = crop;
          photo.x = 0.5;
          photo.y = 0.5;
          render();
          var again = list.querySelector('[data-photo="' + photo.id + '"] [data-crop="' + crop + '"]');
          if (again) again.focus();
        });
        crops.appendChild(btn);
      });
      item.appendChild(crops);

      var alt = el("input", { type: "text", className: "picker-alt", maxlength: String(limits.alt), placeholder: fmt(text.alt, { n: n }), "aria-label": fmt(text.alt, { n: n }) });
      alt.value = photo.alt;
      alt.addEventListener("input", function () { photo.alt = alt.value; });
      item.appendChild(alt);

      item.addEventListener("dragover", function (e) {
        if (!dragging || dragging === photo) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "move";
        item.classList.add("drop-target");
      });
      item.addEventListener("dragleave", function () { item.classList.remove("drop-target"); });
      item.addEventListener("drop", function (e) {
        if (!dragging) return;
        e.preventDefault();
        var moving = dragging;
        dragging = null;
        move(moving, photos.indexOf(photo));
      });
      return item;
    }

    function render() {
      list.innerHTML = "";
      photos.forEach(function (photo, index) { list.appendChild(tile(photo, index)); });
      list.hidden = photos.length === 0;
      count.hidden = photos.length === 0;
      count.textContent = fmt(text.count, { n: photos.length, max: limits.photos });
      add.hidden = photos.length >= limits.photos;
      picker.dispatchEvent(new CustomEvent("picker:change", { detail: { count: photos.length } }));
    }

    input.addEventListener("change", function () {
      addFiles(Array.prototype.slice.call(input.files));
      input.value = ""; // the same photo may be picked again after it is removed
    });

    function cropped(photo) {
      var ratio = CROPS[photo.crop];
      if (!ratio || !photo.img) return Promise.resolve(photo.file);
      var w = photo.w, h = photo.h, cw, ch;
      if (w / h > ratio) { ch = h; cw = Math.round(h * ratio); } else { cw = w; ch = Math.round(w / ratio); }
      var sx = Math.round((w - cw) * photo.x), sy = Math.round((h - ch) * photo.y);
      var scale = Math.min(1, MAX_SIDE / Math.max(cw, ch));
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(cw * scale));
      canvas.height = Math.max(1, Math.round(ch * scale));
      var ctx = canvas.getContext("2d");
      ctx.fillStyle = "#fff"; // a transparent PNG goes onto white, as a JPEG has no alpha
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(photo.img, sx, sy, cw, ch, 0, 0, canvas.width, canvas.height);
      var name = photo.file.name.replace(/\.[^.]*$/, "") + "-" + photo.crop.replace(":", "x") + ".jpg";
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          resolve(blob ? new File([blob], name, { type: "image/jpeg" }) : photo.file);
        }, "image/jpeg", 0.92);
      });
    }

    return {
      photos: photos,
      files: function () { return Promise.all(photos.map(cropped)); },
      setMessage: setMessage,
    };
  }

  // The video picker: one video instead of photos (the server's limits in data-*; the server
  // probes the file again). A chosen video hides the photo picker and the other way round.
  function clock(seconds) {
    var s = Math.round(seconds);
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function initVideoPicker(form, text, photoPicker) {
    var box = form.querySelector("[data-video-picker]");
    if (!box) return null;
    var input = box.querySelector("input[type=file]");
    var message = box.querySelector("[data-errors-for=video]");
    var preview = box.querySelector("[data-video-preview]");
    var player = box.querySelector("video");
    var label = box.querySelector("[data-video-duration]");
    var remove = box.querySelector("[data-video-remove]");
    var photosBox = form.querySelector("[data-picker]");
    var limits = {
      bytes: parseInt(box.dataset.maxBytes, 10),
      mb: box.dataset.maxMb,
      seconds: parseInt(box.dataset.maxSeconds, 10),
    };
    var state = { file: null, url: null };
    // As for photos: the file input stays for a page without JavaScript; here a button opens it.
    box.classList.add("js");
    input.classList.add("picker-input");
    input.tabIndex = -1;
    input.setAttribute("aria-hidden", "true");
    var add = el("button", { type: "button", className: "picker-add video-add", "aria-describedby": "video-help", "data-video-add": "" });
    add.appendChild(el("span", { "aria-hidden": "true", className: "plus" }, "▶"));
    add.appendChild(el("span", {}, text.add_video));
    preview.before(add);
    add.addEventListener("click", function () { input.click(); });

    function say(lines) {
      message.innerHTML = "";
      lines.forEach(function (line) { message.appendChild(el("p", {}, line)); });
      box.classList.toggle("has-error", lines.length > 0);
    }
    function clear() {
      if (state.url) URL.revokeObjectURL(state.url);
      state.file = null; state.url = null;
      player.removeAttribute("src");
      player.load();
      preview.hidden = true;
      add.hidden = false;
      input.value = "";
      if (photosBox) photosBox.hidden = false;
    }
    remove.setAttribute("aria-label", text.remove_video);
    remove.addEventListener("click", function () { clear(); say([]); add.focus(); });
    if (photosBox) {
      photosBox.addEventListener("picker:change", function (e) { box.hidden = e.detail.count > 0; });
    }
    input.addEventListener("change", function () {
      var file = input.files[0];
      say([]);
      if (!file) return clear();
      if (photoPicker && photoPicker.photos.length) { clear(); return say([text.video_or_photos]); }
      if (file.size > limits.bytes) {
        clear();
        return say([fmt(text.video_too_big, { size: (file.size / (1024 * 1024)).toFixed(1), max: limits.mb })]);
      }
      if (file.type && file.type.indexOf("video/") !== 0) { clear(); return say([fmt(text.video_bad, { name: file.name })]); }
      state.file = file;
      state.url = URL.createObjectURL(file);
      player.src = state.url;
      preview.hidden = false;
      add.hidden = true;
      label.textContent = file.name;
      if (photosBox) photosBox.hidden = true;
    });
    player.addEventListener("loadedmetadata", function () {
      if (!state.file) return;
      var seconds = player.duration;
      if (isFinite(seconds) && seconds > limits.seconds + 0.5) {
        clear();
        return say([fmt(text.video_too_long, { n: Math.ceil(seconds), max: limits.seconds })]);
      }
      if (isFinite(seconds)) label.textContent = fmt(text.video_length, { duration: clock(seconds) });
    });
    // A browser that cannot preview the codec (HEVC, say) still sends it: the server decides.
    return { file: function () { return state.file; } };
  }

  function initCompose(form) {
    var data = document.getElementById("picker-text");
    var text = data ? JSON.parse(data.textContent) : {};
    initCounters(form, text);
    var picker = initPicker(form, text);
    var videoPicker = initVideoPicker(form, text, picker);
    if (!picker || !window.FormData || !window.Promise) return;
    // A field's errors go as soon as it is edited (the counter says where it stands meanwhile).
    form.addEventListener("input", function (e) {
      var field = e.target.closest(".field[data-field]");
      if (!field || field.matches("[data-picker]")) return;
      field.classList.remove("has-error");
      var box = field.querySelector("[data-errors-for]");
      if (box) box.innerHTML = "";
    });
    var submit = form.querySelector("[data-post]");
    var label = submit.textContent;

    // Every field's errors from one answer; a check made here (`partial`) leaves the photos'
    // messages alone when it has nothing to say about them.
    function showErrors(errors, partial) {
      form.querySelectorAll("[data-errors-for]").forEach(function (box) {
        var name = box.dataset.errorsFor;
        if (partial && name === "images" && !errors.images) return;
        var list = (errors[name] || []).concat(name === "images" ? errors.alt_texts || [] : []);
        box.innerHTML = "";
        list.forEach(function (e) { box.appendChild(el("p", {}, e.message || e)); });
        var field = box.closest(".field");
        if (field) field.classList.toggle("has-error", list.length > 0);
      });
      var first = form.querySelector(".has-error");
      if (first) {
        first.scrollIntoView({ block: "center" });
        // The photos' errors take the focus themselves (not a photo's Remove button under it).
        var control = first.matches("[data-picker]") ? first.querySelector("[data-errors-for]") : first.querySelector("input, textarea, select");
        if (control.matches("[data-errors-for]")) control.tabIndex = -1;
        control.focus({ preventScroll: true });
      } else if (errors.__all__) {
        form.querySelector("[data-errors-for=__all__]").scrollIntoView({ block: "center" });
      }
    }

    // What the server would refuse anyway, said before anything is uploaded.
    function check() {
      var errors = {};
      var title = form.querySelector("#id_title"), body = form.querySelector("#id_body");
      var tmax = parseInt(form.querySelector("[data-counter-for=id_title]").dataset.max, 10);
      var bmax = parseInt(form.querySelector("[data-counter-for=id_body]").dataset.max, 10);
      if (!picker.photos.length && !(videoPicker && videoPicker.file())) errors.images = [text.none];
      if (!title.value.trim()) errors.title = [text.no_title];
      else if (length(title.value.trim()) > tmax) errors.title = [fmt(text.title_long, { n: length(title.value.trim()), max: tmax })];
      if (length(body.value.trim()) > bmax) errors.body = [fmt(text.body_long, { n: length(body.value.trim()), max: bmax })];
      return Object.keys(errors).length ? errors : null;
    }

    function busy(on) {
      submit.disabled = on;
      submit.textContent = on ? text.posting : label;
      form.setAttribute("aria-busy", String(on));
    }

    // XMLHttpRequest rather than fetch for the upload's progress: nine phone photos take a while.
    function send(body) {
      return new Promise(function (resolve, reject) {
        var xhr = new XMLHttpRequest();
        xhr.open("POST", form.action);
        xhr.setRequestHeader("Accept", "application/json");
        xhr.setRequestHeader("X-CSRFToken", form.querySelector("[name=csrfmiddlewaretoken]").value);
        xhr.upload.addEventListener("progress", function (e) {
          if (e.lengthComputable) submit.textContent = text.posting + " " + Math.floor((e.loaded / e.total) * 100) + "%";
        });
        xhr.onload = function () {
          var data = null;
          try { data = JSON.parse(xhr.responseText); } catch (err) { data = null; }
          resolve({ status: xhr.status, data: data });
        };
        xhr.onerror = reject;
        xhr.send(body);
      });
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (submit.disabled) return;
      var problems = check();
      if (problems) {
        // Keep the messages that explain why a picked file was left out.
        if (problems.images) {
          var kept = Array.prototype.map.call(form.querySelectorAll("[data-errors-for=images] p"), function (p) { return p.textContent; });
          problems.images = kept.filter(function (line) { return line !== text.none; }).concat(problems.images);
        }
        showErrors(problems, true);
        return;
      }
      busy(true);
      picker.files().then(function (files) {
        var body = new FormData(form);
        body.delete("images");
        body.delete("alt_texts");
        body.delete("video");
        if (videoPicker && videoPicker.file()) body.append("video", videoPicker.file(), videoPicker.file().name);
        files.forEach(function (file, i) {
          body.append("images", file, file.name);
          body.append("alt_texts", picker.photos[i].alt);
        });
        return send(body);
      }).then(function (answer) {
        if (answer.status >= 200 && answer.status < 300 && answer.data && answer.data.location) {
          window.location.assign(answer.data.location);
          return;
        }
        busy(false);
        if (answer.data && answer.data.errors) showErrors(answer.data.errors);
        else showErrors({ __all__: [fmt(text.failed, { status: answer.status })] });
      }).catch(function () {
        busy(false);
        showErrors({ __all__: [text.offline] });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-compose]").forEach(initCompose);
    // The edit page counts too (red past the limit; the server's error says it in words).
    document.querySelectorAll("[data-note-edit]").forEach(function (form) { initCounters(form, {}); });
  });
})();
