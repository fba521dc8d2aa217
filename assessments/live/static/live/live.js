/* Live classroom quiz: phone ("play"), projector ("present") and instructor
   controls ("control"). WebSocket first; after repeated failures it polls the
   JSON state every few seconds and posts answers/commands over HTTP. All names
   and texts go in with textContent; only the question stem (sanitised HTML from
   the question bank) uses innerHTML. A phone's option values are places on its
   own screen ("0", "1", …), never option ids; before the reveal (or the
   deadline) the server sends a phone nothing that depends on the key. */
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("live-config").textContent);
  var T = JSON.parse(document.getElementById("live-strings").textContent);
  var root = document.getElementById("live");
  var connEl = document.querySelector("[data-conn]");
  var ws = null, failures = 0, polling = null, skew = 0, st = null, lastKey = "";
  var pending = null, seq = 0, tickSent = 0, countdownTimer = null, extras = null;
  var ordering = null, picked = {};

  function el(tag, attrs, kids) {
    var n = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (attrs[k] === null || attrs[k] === undefined) continue;
      if (k === "text") n.textContent = attrs[k];
      else if (k === "html") n.innerHTML = attrs[k];
      else if (k.slice(0, 2) === "on") n.addEventListener(k.slice(2), attrs[k]);
      else n.setAttribute(k, attrs[k]);
    }
    (kids || []).forEach(function (c) { if (c) n.appendChild(c); });
    return n;
  }
  function clear(n) { while (n.firstChild) n.removeChild(n.firstChild); }
  function now() { return Date.now() + skew; }
  function conn(text, cls) { if (connEl) { connEl.textContent = text; connEl.className = "live-conn " + (cls || ""); } }
  function csrf() { var m = document.cookie.match(/csrftoken=([^;]+)/); return m ? m[1] : ""; }

  /* --- transport --------------------------------------------------------------------- */
  function connect() {
    if (!window.WebSocket || failures >= 3) { startPolling(); return; }
    var opened = false, openedAt = 0;
    try { ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + cfg.ws); }
    catch (e) { failures++; startPolling(); return; }
    var guard = setTimeout(function () { if (!opened && ws) ws.close(); }, 6000);
    ws.onopen = function () {
      opened = true; openedAt = Date.now(); clearTimeout(guard); stopPolling(); conn(T.live, "ok");
      if (pending) sendAnswer(pending);
    };
    ws.onmessage = function (ev) { try { handle(JSON.parse(ev.data)); } catch (e) { /* ignore */ } };
    ws.onclose = function (ev) {
      clearTimeout(guard); ws = null;
      if (ev.code === 4403) { conn(""); return; }
      if (!opened || Date.now() - openedAt < 15000) failures++;  // cannot connect, or keeps dropping
      conn(T.offline, "bad");
      if (failures >= 3) startPolling();
      else setTimeout(connect, 800 * failures + Math.random() * 1200);
    };
  }
  function send(msg) {
    if (ws && ws.readyState === 1) { ws.send(JSON.stringify(msg)); return true; }
    return false;
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body)
    }).then(function (r) { return r.json(); });
  }
  function poll() {
    fetch(cfg.state, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (d) { conn(T.polling, "slow"); handle(d); if (pending) sendAnswer(pending); })
      .catch(function () { conn(T.offline, "bad"); });
  }
  function startPolling() {
    if (polling) return;
    poll();
    polling = setInterval(poll, cfg.role === "play" ? 2500 : 1500);
    setTimeout(function () { if (polling) { failures = 2; connect(); } }, 30000);  // try the socket again
  }
  function stopPolling() { if (polling) { clearInterval(polling); polling = null; } }
  function command(msg) {
    if (st && msg.type === "next") msg.rev = st.rev;  // a double tap cannot skip a question
    if (!send(msg)) post(cfg.command, msg).then(function (d) { if (d.type === "error") alert(d.message); poll(); });
  }
  function sendAnswer(a) {
    pending = a;
    if (!send({ type: "answer", q: a.q, response: a.response, id: a.id })) {
      post(cfg.answer, { q: a.q, response: a.response, id: a.id }).then(handle, function () { conn(T.offline, "bad"); });
    }
    render();
  }

  /* --- messages ---------------------------------------------------------------------- */
  function handle(m) {
    if (m.server_time) skew = m.server_time - Date.now();
    if (m.type === "state") {
      if (!m.me && st && st.me) m.me = st.me;  // "next question" carries no personal part
      st = m; if (m.extras) extras = m.extras;
      if (pending && (!m.question || m.question.position !== pending.q) && m.mode !== "learner") pending = null;
      render();
    } else if (m.type === "ack") {
      if (pending && pending.q === m.q) pending = null;
      if (st) { st.me = st.me || {}; st.me.answer = m.answer; }
      if (st && st.mode === "learner") { if (!send({ type: "sync" })) poll(); }
      render();
    } else if (m.type === "count") {
      // Counts of one question only grow; a late message never lowers the number shown.
      var current = st && (st.mode === "learner" ? null : st.question && st.question.position);
      if (extras && m.q === current) { extras.answered = Math.max(extras.answered || 0, m.count); renderCounts(); }
    } else if (m.type === "roster") {
      rosterDelta(m); renderCounts(); if (cfg.role === "control") render();
    } else if (m.type === "removed" || (m.type === "error" && m.code === "not_participant")) {
      stopPolling(); clear(root); root.appendChild(el("p", { "class": "live-big", text: T.removed }));
      st = null;
    } else if (m.type === "error") {
      if (pending && ["time_up", "wrong_question", "not_accepting", "bad_answer", "ended"].indexOf(m.code) >= 0) pending = null;
      flash(m.message);
      if (m.code === "time_up" || m.code === "wrong_question") { if (!send({ type: "sync" })) poll(); }
    }
  }
  function rosterDelta(m) {
    // A join or a removal as a delta: screens never re-query the whole roster.
    if (!extras) extras = { participants: 0, recent: [], answered: 0 };
    if (typeof m.participants === "number") extras.participants = m.participants;
    if (m.joined) {
      extras.recent = [m.joined].concat(extras.recent.filter(function (p) { return p.id !== m.joined.id; })).slice(0, 300);
    }
    if (m.removed) extras.recent = extras.recent.filter(function (p) { return p.id !== m.removed; });
  }
  function flash(text) {
    var f = el("p", { "class": "live-error", role: "alert", text: text });
    root.insertBefore(f, root.firstChild);
    setTimeout(function () { if (f.parentNode) f.parentNode.removeChild(f); }, 5000);
  }

  /* --- countdown --------------------------------------------------------------------- */
  function countdown() {
    var box = document.querySelector("[data-countdown]");
    if (!st || !box) return;
    var left = Math.max(0, Math.ceil((st.deadline - now()) / 1000));
    if (st.mode === "learner") {
      box.textContent = T.deadline + ": " + new Date(st.deadline).toLocaleString();
    } else {
      box.textContent = left > 0 ? left + T.seconds : T.time_up;
      box.className = "live-countdown" + (left <= 5 ? " low" : "");
    }
    var dueAt = st.deadline + (cfg.role === "play" ? 3000 : 700);
    if (left === 0 && st.status === "question" && now() > dueAt && Date.now() - tickSent > 3000) {
      tickSent = Date.now();
      if (!send({ type: "tick" })) poll();
    }
    if (st.status === "reveal" && st.reveal_until && now() > st.reveal_until + 500 && Date.now() - tickSent > 3000) {
      tickSent = Date.now(); if (!send({ type: "tick" })) poll();
    }
  }
  setInterval(countdown, 250);

  /* --- shared pieces ----------------------------------------------------------------- */
  var SHAPES = ["▲", "◆", "●", "■", "★", "✚", "⬟", "⬢"];
  function optionText(o) { return o.text || (o.value === "true" ? T["true"] : o.value === "false" ? T["false"] : o.value); }
  function stem(q) { return q.stem ? el("div", { "class": "live-stem", html: q.stem }) : null; }
  function heading(q) { return el("h2", { "class": "live-qnum", text: T.question + " " + q.number + " " + T.of + " " + q.total }); }
  function chart(reveal) {
    var max = 1;
    reveal.distribution.forEach(function (d) { if (d.count > max) max = d.count; });
    var box = el("div", { "class": "live-chart", role: "img", "aria-label": T.answered });
    reveal.distribution.forEach(function (d, i) {
      var label = d.value === "right" ? T.right_count : d.value === "partial" ? T.partial_count : d.value === "wrong" ? T.wrong_count : SHAPES[i % 8] + " " + optionText(d);
      var bar = el("div", { "class": "live-bar-fill" + (d.correct ? " correct" : "") });
      bar.style.height = Math.round(100 * d.count / max) + "%";
      box.appendChild(el("div", { "class": "live-col" }, [
        el("span", { "class": "live-col-count", text: String(d.count) }),
        el("div", { "class": "live-col-track" }, [bar]),
        el("span", { "class": "live-col-label", text: (d.correct ? "✓ " : "") + label })
      ]));
    });
    return box;
  }
  function topList(top, cls) {
    var ol = el("ol", { "class": cls || "live-top" });
    top.forEach(function (p) { ol.appendChild(el("li", {}, [el("span", { text: p.name }), el("strong", { text: " " + p.score })])); });
    return ol;
  }
  function podium(top) {
    var box = el("div", { "class": "live-podium" });
    [1, 0, 2].forEach(function (i) {
      if (!top[i]) return;
      box.appendChild(el("div", { "class": "live-step step" + (i + 1) }, [
        el("span", { "class": "live-step-name", text: top[i].name }),
        el("span", { "class": "live-step-score", text: top[i].score + " " + T.points }),
        el("span", { "class": "live-step-place", text: String(i + 1) })
      ]));
    });
    return box;
  }

  /* --- phone ------------------------------------------------------------------------- */
  function answerForm(q) {
    var key = q.position + ":" + q.qtype;
    var box = el("div", { "class": "live-options" });
    var disabled = !!pending;
    if (q.qtype === "single" || q.qtype === "truefalse") {
      // With "confirm" on (shaky hands), a tap only picks; "Send answer" sends.
      // The easy reading mode (lms/inclusion) always asks for the second tap.
      var confirmStep = !!st.confirm_taps || document.documentElement.classList.contains("easy-mode"), choice = picked[key];
      q.options.forEach(function (o, i) {
        var on = confirmStep && choice === o.value;
        box.appendChild(el("button", { type: "button", "class": "live-option c" + (i % 8) + (on ? " on" : ""), disabled: disabled ? "disabled" : null,
          "aria-pressed": confirmStep ? (on ? "true" : "false") : null,
          onclick: function () {
            if (confirmStep) { picked[key] = o.value; render(); }
            else sendAnswer({ q: q.position, response: o.value, id: "a" + (++seq) });
          } },
          [el("span", { "class": "shape", "aria-hidden": "true", text: SHAPES[i % 8] }), el("span", { text: optionText(o) })]));
      });
      if (confirmStep) {
        box.appendChild(el("button", { type: "button", "class": "live-send", "data-confirm": "",
          disabled: disabled || choice === undefined ? "disabled" : null, text: T.send,
          onclick: function () { sendAnswer({ q: q.position, response: picked[key], id: "a" + (++seq) }); } }));
      }
      if (disabled) box.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      return box;
    }
    if (q.qtype === "multiple") {
      if (!picked[key]) picked[key] = {};
      q.options.forEach(function (o, i) {
        var on = !!picked[key][o.value];
        box.appendChild(el("button", { type: "button", "class": "live-option c" + (i % 8) + (on ? " on" : ""), "aria-pressed": on ? "true" : "false",
          onclick: function () { picked[key][o.value] = !picked[key][o.value]; render(); } },
          [el("span", { "class": "shape", "aria-hidden": "true", text: on ? "☑" : "☐" }), el("span", { text: optionText(o) })]));
      });
    } else if (q.qtype === "ordering") {
      if (!ordering || ordering.key !== key) ordering = { key: key, items: q.options.slice() };
      var list = el("ol", { "class": "live-order" });
      ordering.items.forEach(function (o, i) {
        list.appendChild(el("li", {}, [
          el("span", { text: o.text }),
          el("button", { type: "button", "aria-label": T.move_up, disabled: i === 0 ? "disabled" : null, text: "↑",
            onclick: function () { var it = ordering.items; it.splice(i - 1, 0, it.splice(i, 1)[0]); render(); } }),
          el("button", { type: "button", "aria-label": T.move_down, disabled: i === ordering.items.length - 1 ? "disabled" : null, text: "↓",
            onclick: function () { var it = ordering.items; it.splice(i + 1, 0, it.splice(i, 1)[0]); render(); } })
        ]));
      });
      box.appendChild(list);
    } else if (q.qtype === "numerical") {
      box.appendChild(el("label", { "for": "live-number", text: T.your_number }));
      box.appendChild(el("input", { id: "live-number", inputmode: "decimal", autocomplete: "off", "class": "live-input" }));
    }
    box.appendChild(el("button", { type: "button", "class": "live-send", disabled: disabled ? "disabled" : null, text: T.send, onclick: function () {
      var response;
      if (q.qtype === "multiple") response = Object.keys(picked[key]).filter(function (k) { return picked[key][k]; });
      else if (q.qtype === "ordering") response = ordering.items.map(function (o) { return o.value; });
      else response = (document.getElementById("live-number") || {}).value || "";
      sendAnswer({ q: q.position, response: response, id: "a" + (++seq) });
    } }));
    return box;
  }
  function recorded() {
    return el("p", { "class": "live-recorded", role: "status" }, [el("span", { "aria-hidden": "true", text: "✓ " }), el("span", { text: T.recorded })]);
  }
  function myResult(me) {
    var a = me.answer, box = el("div", { "class": "live-result" });
    if (!a) box.appendChild(el("p", { "class": "live-big", text: T.no_answer }));
    else {
      var verdict = a.correct ? T.right : (a.fraction > 0 ? T.partial : T.wrong);
      box.appendChild(el("p", { "class": "live-big " + (a.correct ? "right" : "wrong"), text: verdict }));
      box.appendChild(el("p", { text: "+" + (a.points + a.streak_points) + " " + T.points }));
    }
    if (me.score !== undefined) box.appendChild(el("p", { "class": "live-score", text: T.score + ": " + me.score + " · " + T.rank + ": " + me.rank }));
    return box;
  }
  function renderPlay() {
    var me = st.me || {};
    var kids = [];
    if (st.status === "lobby") {
      kids.push(el("p", { "class": "live-big", text: T.waiting }));
      kids.push(el("p", { text: T.you_are + " " + me.name }));
    } else if (st.status === "question" && st.question) {
      var q = st.question;
      kids.push(heading(q), el("p", { "data-countdown": "", "class": "live-countdown" }), stem(q));
      var mine = me.answer && me.answer.q === q.position;
      if (mine) kids.push(recorded());
      else { if (pending) kids.push(el("p", { "class": "live-sending", text: "…" })); kids.push(answerForm(q)); }
    } else if (st.status === "reveal") {
      kids.push(myResult(me));
      if (st.reveal) kids.push(el("p", { text: T.key + ": " + st.reveal.key_text }));
      kids.push(el("p", { "class": "muted", text: T.waiting_next }));
    } else if (st.status === "running") {
      kids.push(el("p", { "data-countdown": "", "class": "live-countdown" }));
      if (me.question) {
        kids.push(heading(me.question), stem(me.question));
        if (pending && pending.q === me.question.position) kids.push(el("p", { "class": "live-sending", text: "…" }));
        kids.push(answerForm(me.question));
      } else { if (me.answer) kids.push(recorded()); kids.push(el("p", { "class": "live-big", text: T.done_all })); }
      // No score here: results come at the deadline (the server sends none before).
    } else if (st.status === "ended") {
      kids.push(el("h2", { text: T.final }));
      kids.push(el("p", { "class": "live-big", text: T.rank + " " + me.rank }));
      kids.push(el("p", { "class": "live-score", text: T.score + ": " + me.score }));
      if (st.top && st.top.length) kids.push(podium(st.top));
      if (!me.claimed) {
        kids.push(el("button", { type: "button", "class": "live-send", text: T.claim, onclick: function () {
          var f = document.getElementById("claim-form"); if (f) f.submit(); } }));
      } else kids.push(el("p", { text: T.claimed }));
    }
    if (me.rejoin_code && st.status !== "ended") {
      kids.push(el("p", { "class": "live-rejoin" }, [el("span", { text: T.rejoin_code + ": " }), el("strong", { text: me.rejoin_code })]));
    }
    return kids;
  }

  /* --- projector --------------------------------------------------------------------- */
  function renderCounts() {
    if (!extras) return;
    document.querySelectorAll("[data-participants]").forEach(function (n) { n.textContent = String(extras.participants); });
    document.querySelectorAll("[data-answered]").forEach(function (n) { n.textContent = extras.answered + " / " + extras.participants + " " + T.answered; });
    var names = document.querySelector("[data-names]");
    if (names) { clear(names); extras.recent.forEach(function (p) { names.appendChild(el("li", { text: p.name })); }); }
  }
  function renderPresent() {
    var lobby = document.getElementById("lobby");
    var kids = [];
    document.body.setAttribute("data-phase", st.status);
    if (lobby) lobby.hidden = !(st.status === "lobby" || st.mode === "learner" && st.status !== "ended");
    if (st.status === "question" && st.question) {
      var q = st.question;
      kids.push(el("div", { "class": "live-head" }, [heading(q), el("p", { "data-countdown": "", "class": "live-countdown" }), el("p", { "data-answered": "", "class": "live-answered" })]));
      kids.push(stem(q));
      var ul = el("ul", { "class": "live-tiles" });
      q.options.forEach(function (o, i) {
        ul.appendChild(el("li", { "class": "c" + (i % 8) }, [el("span", { "class": "shape", text: SHAPES[i % 8] }), el("span", { text: optionText(o) })]));
      });
      if (q.options.length && q.qtype !== "ordering") kids.push(ul);
    } else if (st.status === "reveal" && st.question && st.reveal) {
      kids.push(heading(st.question), stem(st.question));
      kids.push(el("p", { "class": "live-key" }, [el("span", { text: T.key + ": " }), el("strong", { text: st.reveal.key_text })]));
      kids.push(el("div", { "class": "live-split" }, [chart(st.reveal), el("div", {}, [el("h2", { text: T.top }), topList(st.top)])]));
    } else if (st.status === "ended") {
      kids.push(el("h2", { text: T.podium }), podium(st.top), topList(st.top, "live-top final"));
    } else if (st.status === "running") {
      kids.push(el("p", { "data-countdown": "", "class": "live-countdown" }), el("p", { "data-answered": "", "class": "live-answered" }));
    }
    return kids;
  }

  /* --- instructor controls ----------------------------------------------------------- */
  function renderControl() {
    var kids = [el("p", { "class": "live-status", text: T["status_" + st.status] + (st.question ? " · " + T.question + " " + st.question.number + "/" + st.total : "") })];
    if (st.status === "question") kids.push(el("p", { "data-countdown": "", "class": "live-countdown" }));
    kids.push(el("p", { "data-answered": "", "class": "live-answered" }), el("p", {}, [el("span", { "data-participants": "" }), el("span", { text: " " + T.participants })]));
    var label = { lobby: T.start, question: T.show_answer, reveal: st.question && st.question.number >= st.total ? T.finish : T.next, running: T.end }[st.status];
    if (label) kids.push(el("button", { type: "button", "class": "live-send", "data-next": "", text: label, onclick: function () { command({ type: "next" }); } }));
    if (st.status !== "ended") {
      kids.push(el("div", { "class": "live-row" }, [
        el("button", { type: "button", "data-lock": "", text: st.locked ? T.unlock : T.lock, onclick: function () { command({ type: "lock", locked: !st.locked }); } }),
        el("button", { type: "button", "class": "danger", text: T.end, onclick: function () { if (confirm(T.confirm_end)) command({ type: "end" }); } })
      ]));
    }
    if (st.reveal) kids.push(chart(st.reveal));
    if (st.top && st.top.length) kids.push(topList(st.top));
    if (extras && extras.recent) {
      var ul = el("ul", { "class": "live-people" });
      extras.recent.forEach(function (p) {
        ul.appendChild(el("li", {}, [el("span", { text: p.name }),
          el("button", { type: "button", text: T.extra, onclick: function () { command({ type: "extra_time", participant: p.id, seconds: 15 }); } }),
          el("button", { type: "button", "class": "danger", text: T.remove, onclick: function () { if (confirm(T.confirm_remove)) command({ type: "remove", participant: p.id }); } })]));
      });
      kids.push(ul);
    }
    return kids;
  }

  /* --- one polite announcement per phase (the countdown is never a live region) ---- */
  var announced = "";
  function announcement() {
    var q = st.question || (st.me && st.me.question);
    if (st.status === "question" && q) return T.question + " " + q.number + " " + T.of + " " + q.total;
    if (st.status === "reveal") {
      var a = st.me && st.me.answer, parts = [];
      if (cfg.role === "play") parts.push(!a ? T.no_answer : a.correct ? T.right : a.fraction > 0 ? T.partial : T.wrong);
      parts.push(st.reveal ? T.key + ": " + st.reveal.key_text : T.status_reveal);
      return parts.join(". ");
    }
    if (st.status === "lobby") return cfg.role === "play" ? T.waiting : T.status_lobby;
    if (st.status === "ended") return T.ended;
    return T["status_" + st.status] || "";
  }
  function announce() {
    var box = document.querySelector("[data-announce]");
    var q = st.question || (st.me && st.me.question);
    var phase = st.status + ":" + (q ? q.position : "");
    if (!box || phase === announced) return;
    announced = phase;
    box.textContent = announcement();
  }

  function render() {
    if (!st) return;
    announce();
    var kids = cfg.role === "play" ? renderPlay() : cfg.role === "present" ? renderPresent() : renderControl();
    // Re-render only when something visible changed (a number input keeps its text).
    var key = JSON.stringify([st.rev, st.status, st.me, !!pending, cfg.role === "control" ? extras && extras.recent : 0, ordering && ordering.items, picked]);
    if (key === lastKey) return;
    lastKey = key;
    clear(root);
    kids.forEach(function (k) { if (k) root.appendChild(k); });
    renderCounts(); countdown();
    if (cfg.role === "present") fitText(root.querySelector(".live-stem"), 28);
  }
  function fitText(node, smallest) {
    // A long question shrinks until it fits its part of the screen (never below ``smallest`` px).
    if (!node) return;
    node.style.fontSize = "";
    var size = parseFloat(getComputedStyle(node).fontSize);
    while (node.scrollHeight > node.clientHeight + 1 && size > smallest) {
      size -= 2; node.style.fontSize = size + "px";
    }
  }

  connect();
})();
