/* Alongside's only script of its own: the quick exit and the idle warning. No third parties. */
(function () {
  "use strict";
  var body = document.body;

  // Quick exit: one tap, or the Esc key, leaves for a neutral site and replaces this page in the
  // history, so the back button does not bring it back.
  function leave(event) {
    if (event) { event.preventDefault(); }
    try { document.body.innerHTML = ""; } catch (e) { /* nothing to hide */ }
    window.location.replace(body.dataset.quickExitUrl);
  }
  var exit = document.getElementById("quick-exit");
  if (exit) { exit.addEventListener("click", leave); }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    if (document.querySelector("dialog[open]")) { return; } // Esc closes an open dialog first.
    leave(event);
  });

  // Idle warning: two minutes before the session ends, ask; "stay signed in" keeps it alive.
  var idleSeconds = parseInt(body.dataset.idleSeconds || "0", 10);
  var dialog = document.getElementById("idle-warning");
  if (!idleSeconds || !dialog) { return; }
  // The server moves its idle clock at most once a minute, so it says how long is left: in the
  // page (data-idle-seconds) and on every response (X-Idle-Seconds), which htmx swaps bring back.
  var warnTimer, endTimer;
  function schedule(seconds) {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(function () { if (!dialog.open) { dialog.showModal(); } },
                           Math.max(seconds - 120, 1) * 1000);
    endTimer = setTimeout(function () { window.location.assign(body.dataset.signedOutUrl); },
                          seconds * 1000);
  }
  document.getElementById("stay-signed-in").addEventListener("click", function () {
    var token = JSON.parse(body.getAttribute("hx-headers"))["X-CSRFToken"];
    fetch(body.dataset.keepaliveUrl, {method: "POST", headers: {"X-CSRFToken": token}, credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (answer) { dialog.close(); schedule(answer.idle_seconds || idleSeconds); })
      .catch(function () { window.location.assign(body.dataset.signedOutUrl); }); // already signed out
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail && event.detail.xhr;
    var left = parseInt((xhr && xhr.getResponseHeader("X-Idle-Seconds")) || "", 10);
    if (!isNaN(left)) { schedule(left); }
  });
  schedule(idleSeconds);
})();
