// dyad's only script, served from the binary at /assets/app.js (the Content-Security-Policy allows no other).
// 1. Records script errors and CSP violations in window.dyadErrors, so that tests (and curious users) can see
//    that a page ran clean. It is loaded in <head> before any content, so it sees every later error.
// 2. A filter box above event lists hides the items that do not contain the typed text.
(function () {
  "use strict";
  var errors = [];
  window.dyadErrors = errors;
  window.addEventListener("error", function (e) {
    errors.push("error: " + (e.message || (e.target && e.target.outerHTML) || "?"));
  }, true);
  window.addEventListener("unhandledrejection", function (e) {
    errors.push("rejection: " + String(e.reason));
  });
  document.addEventListener("securitypolicyviolation", function (e) {
    errors.push("csp: " + e.violatedDirective + " " + (e.blockedURI || ""));
  });
  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll("input[data-filter]");
    Array.prototype.forEach.call(boxes, function (box) {
      var items = document.querySelectorAll(box.getAttribute("data-filter"));
      box.addEventListener("input", function () {
        var want = box.value.toLowerCase();
        Array.prototype.forEach.call(items, function (item) {
          item.hidden = want !== "" && item.textContent.toLowerCase().indexOf(want) < 0;
        });
      });
    });
  });
})();
