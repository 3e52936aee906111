/* Messages in real time: one WebSocket per signed-in page (badges, new messages, typing, read
   receipts, unsends), with polling when the socket is unavailable (or, on the embedded default's
   in-memory channel layer, alongside it: another web process may have handled the send). */
(function () {
  "use strict";

  var body = document.body;
  if (!body || !body.hasAttribute("data-dm-user")) return;

  var view = document.querySelector("[data-dm-conversation]");
  var strings = document.getElementById("dm-strings");
  var socket = null;
  var socketOpen = false;
  var retry = 1000;
  var pollTimer = null;
  var countsTimer = null;

  function csrf() {
    var m = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }

  function str(name) { return strings ? strings.dataset[name] || "" : ""; }

  /* --- badges -------------------------------------------------------------------------- */
  function setBadge(selector, count) {
    document.querySelectorAll(selector).forEach(function (el) {
      el.textContent = count > 0 ? String(count) : "";
      el.hidden = !(count > 0);
    });
  }

  function applyCounts(ev) {
    if (typeof ev.messages === "number") {
      setBadge("[data-dm-badge]", ev.messages + (ev.requests || 0));
    }
    if (typeof ev.notifications === "number") {
      var bell = document.querySelector(".nav-bell");
      if (bell) {
        var badge = bell.querySelector(".badge");
        if (!badge && ev.notifications > 0) {
          badge = document.createElement("span");
          badge.className = "badge";
          badge.setAttribute("data-testid", "unread-badge");
          bell.appendChild(badge);
        }
        if (badge) { badge.textContent = String(ev.notifications); badge.hidden = ev.notifications < 1; }
      }
    }
  }

  function pollCounts() {
    fetch(body.dataset.dmCounts, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) applyCounts(data); })
      .catch(function () {});
  }

  /* --- the conversation page ----------------------------------------------------------- */
  var list = view && view.querySelector("[data-dm-list]");
  var lastId = view ? parseInt(view.dataset.dmLast || "0", 10) : 0;
  var fetching = false;
  var again = false;

  function status(text, mode) {
    var el = view && view.querySelector("[data-dm-status]");
    if (!el) return;
    el.textContent = text;
    el.dataset.mode = mode;
  }

  function nearBottom() {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 160;
  }

  function appendHtml(html) {
    var stick = nearBottom();
    var tmp = document.createElement("div");
    tmp.innerHTML = html;
    Array.prototype.slice.call(tmp.children).forEach(function (el) {
      var old = el.id && document.getElementById(el.id);
      if (old) old.replaceWith(el); else list.appendChild(el);
      var id = parseInt(el.dataset.id || "0", 10);
      if (id > lastId) lastId = id;
    });
    if (stick) list.scrollTop = list.scrollHeight;
  }

  function markRead() {
    if (!view || view.dataset.dmActive !== "1" || document.hidden || !lastId) return;
    if (socketOpen) {
      socket.send(JSON.stringify({ action: "read", conversation: +view.dataset.dmConversation, up_to: lastId }));
    } else {
      var form = new FormData();
      form.append("up_to", String(lastId));
      fetch(view.dataset.dmRead, { method: "POST", body: form, credentials: "same-origin",
        headers: { "X-CSRFToken": csrf() } }).catch(function () {});
    }
  }

  function fetchNew() {
    if (fetching) { again = true; return; }
    fetching = true;
    fetch(view.dataset.dmFragment + "?after=" + lastId, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { if (html.trim()) { appendHtml(html); markRead(); } })
      .catch(function () {})
      .then(function () { fetching = false; if (again) { again = false; fetchNew(); } });
  }

  function refreshOne(id) {
    var url = view.dataset.dmOne.replace("/0/", "/" + id + "/");
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        var old = document.getElementById("m" + id);
        if (!old) return;
        if (!html.trim()) { old.remove(); return; }
        var tmp = document.createElement("div");
        tmp.innerHTML = html;
        if (tmp.firstElementChild) old.replaceWith(tmp.firstElementChild);
      }).catch(function () {});
  }

  var typingTimer = null;
  function showTyping(name) {
    var line = view.querySelector("[data-dm-typing-line]");
    if (!line) return;
    line.textContent = str("typing").replace("%(name)s", name);
    line.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { line.hidden = true; }, 4000);
  }

  /* --- the open inbox: its list follows new messages ----------------------------------- */
  var inbox = document.querySelector("[data-dm-inbox]");
  var inboxTimer = null;
  var inboxFetching = false;
  var inboxAgain = false;
  var inboxLast = null;
  function refreshInbox() {
    if (!inbox) return;
    if (inboxFetching) { inboxAgain = true; return; }
    inboxFetching = true;
    fetch(inbox.dataset.dmInbox, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null && html !== inboxLast) { inboxLast = html; inbox.innerHTML = html; } })
      .catch(function () {})
      .then(function () { inboxFetching = false; if (inboxAgain) { inboxAgain = false; refreshInbox(); } });
  }

  function onEvent(ev) {
    if (inbox && ["message", "unsent", "ended", "read", "counts"].indexOf(ev.event) >= 0) refreshInbox();
    if (ev.event === "counts" || ev.event === "hello") { applyCounts(ev); return; }
    var here = view && String(ev.conversation) === view.dataset.dmConversation;
    if (ev.event === "message" && !here && ev.message && ev.message.sender !== body.dataset.dmUser) {
      pollCounts();  /* a message elsewhere: the badge changes */
    }
    if (!here) return;
    if (ev.event === "message") {
      var line = view.querySelector("[data-dm-typing-line]");
      if (line) line.hidden = true;
      fetchNew();
    } else if (ev.event === "typing") {
      showTyping(ev.name || ev.user);
    } else if (ev.event === "read") {
      /* The newest of my messages the reader has reached gets its "Seen" mark. */
      var mine = Array.prototype.filter.call(list.querySelectorAll(".dm-mine"), function (el) {
        return +el.dataset.id <= ev.up_to;
      });
      var newest = mine[mine.length - 1];
      if (newest && !newest.querySelector("[data-testid=read-receipt]")) refreshOne(newest.dataset.id);
    } else if (ev.event === "unsent") {
      refreshOne(ev.id);
    } else if (ev.event === "ended") {
      window.location.reload();
    }
  }

  /* --- socket and polling ---------------------------------------------------------------- */
  function schedulePolling() {
    clearInterval(pollTimer);
    clearInterval(countsTimer);
    var seconds = view ? parseInt(view.dataset.dmPoll || "4", 10) : 4;
    var shared = view ? view.dataset.dmShared === "1" : true;
    if (view && (!socketOpen || !shared)) {
      pollTimer = setInterval(fetchNew, Math.max(1, seconds) * 1000);
    }
    if (!socketOpen) countsTimer = setInterval(pollCounts, 30000);
    clearInterval(inboxTimer);
    if (inbox && (!socketOpen || inbox.dataset.dmShared !== "1")) {
      inboxTimer = setInterval(refreshInbox, Math.max(1, parseInt(inbox.dataset.dmPoll || "4", 10)) * 1000);
    }
    status(socketOpen ? (shared ? str("live") : str("live") + " · " + str("polling")) : str("polling"),
      socketOpen ? "live" : "polling");
  }

  function connect() {
    if (!("WebSocket" in window)) { schedulePolling(); return; }
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    try {
      socket = new WebSocket(scheme + location.host + "/ws/messages/");
    } catch (e) { schedulePolling(); return; }
    socket.onopen = function () { socketOpen = true; retry = 1000; schedulePolling(); if (view) fetchNew(); if (inbox) refreshInbox(); };
    socket.onmessage = function (msg) {
      try { onEvent(JSON.parse(msg.data)); } catch (e) { /* a malformed frame is ignored */ }
    };
    socket.onclose = function () {
      var was = socketOpen;
      socketOpen = false;
      schedulePolling();
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, was ? 5000 : 30000);
    };
  }

  /* --- composing ------------------------------------------------------------------------- */
  function initCompose() {
    var form = view.querySelector("[data-dm-compose]");
    if (!form) return;
    var input = form.querySelector("textarea");
    var lastTyping = 0;
    input.addEventListener("input", function () {
      var now = Date.now();
      if (now - lastTyping < 2500 || !input.value.trim()) return;
      lastTyping = now;
      if (socketOpen) {
        socket.send(JSON.stringify({ action: "typing", conversation: +view.dataset.dmConversation }));
      } else {
        fetch(view.dataset.dmTyping, { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrf() } }).catch(function () {});
      }
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var data = new FormData(form);
      var file = form.querySelector("input[type=file]");
      if (!input.value.trim() && !(file && file.files.length)) return;
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      fetch(form.action, { method: "POST", body: data, credentials: "same-origin",
        headers: { "X-CSRFToken": csrf(), "X-Requested-With": "fetch" } })
        .then(function (r) {
          return r.text().then(function (text) {
            if (!r.ok) throw new Error(errorText(text));
            return text;
          });
        })
        .then(function (html) {
          appendHtml(html);
          list.scrollTop = list.scrollHeight;
          form.reset();
          cancelReply();
        })
        .catch(function (err) { showError(form, err.message); })
        .then(function () { button.disabled = false; input.focus(); });
    });
    view.addEventListener("click", function (e) {
      var reply = e.target.closest("[data-dm-reply]");
      if (reply) {
        form.reply_to.value = reply.dataset.dmReply;
        var box = form.querySelector("[data-dm-replying]");
        box.querySelector("span").textContent = str("replying") + ": " + reply.dataset.dmReplyText;
        box.hidden = false;
        input.focus();
      }
      if (e.target.closest("[data-dm-cancel-reply]")) cancelReply();
    });
    function cancelReply() {
      form.reply_to.value = "";
      form.querySelector("[data-dm-replying]").hidden = true;
    }
  }

  function errorText(html) {
    var tmp = document.createElement("div");
    tmp.innerHTML = html;
    var p = tmp.querySelector("[role=alert] p") || tmp.querySelector("p");
    return (p ? p.textContent : tmp.textContent).trim().slice(0, 300);
  }

  function showError(form, text) {
    var box = form.querySelector(".form-errors");
    if (!box) {
      box = document.createElement("div");
      box.className = "form-errors";
      box.setAttribute("role", "alert");
      form.prepend(box);
    }
    box.textContent = text;
    setTimeout(function () { box.remove(); }, 8000);
  }

  function initMessageActions() {
    view.addEventListener("click", function (e) {
      var t = e.target.closest("[data-dm-translate]");
      if (t) {
        e.preventDefault();
        var slot = t.closest(".dm-msg").querySelector(".dm-translation-slot");
        if (slot.innerHTML.trim()) { slot.innerHTML = ""; return; }
        fetch(t.dataset.dmTranslate, { credentials: "same-origin" })
          .then(function (r) { return r.text().then(function (x) { return r.ok ? x : '<p class="muted">' + errorText(x) + "</p>"; }); })
          .then(function (html) { slot.innerHTML = html; });
      }
      var o = e.target.closest("[data-dm-original]");
      if (o) {
        var msg = o.closest(".dm-msg");
        var original = msg.querySelector("[data-testid=message-body]");
        var auto = msg.querySelector(".dm-auto");
        var showOriginal = original.hidden;
        original.hidden = !showOriginal;
        auto.hidden = showOriginal;
        o.textContent = showOriginal ? str("translated") : str("original");
      }
      var older = e.target.closest("[data-dm-older]");
      if (older) {
        var first = list.querySelector(".dm-msg");
        fetch(view.dataset.dmFragment + "?before=" + (first ? first.dataset.id : 0), { credentials: "same-origin" })
          .then(function (r) { return r.text(); })
          .then(function (html) {
            if (!html.trim()) { older.remove(); return; }
            older.insertAdjacentHTML("afterend", html);
          });
      }
    });
    view.addEventListener("submit", function (e) {
      var f = e.target.closest("[data-dm-confirm]");
      if (f && !window.confirm(f.dataset.dmConfirm)) e.preventDefault();
    });
    view.addEventListener("change", function (e) {
      if (e.target.matches("[data-dm-autosubmit]")) e.target.form.submit();
    });
  }

  if (view) {
    list.scrollTop = list.scrollHeight;
    initCompose();
    initMessageActions();
    document.addEventListener("visibilitychange", markRead);
  }
  schedulePolling();
  connect();
})();
