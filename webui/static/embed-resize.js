/* vnsearch embed: optional. Put this script on the portal page that holds the /embed iframe, and the
   frame grows and shrinks with its results instead of scrolling inside a fixed height.
   It only listens: a message is taken only from a frame of the vnsearch site that served this file. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.URL) {
    return;
  }
  var origin = new URL(script.src, window.location.href).origin;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.vnsearch !== "height" || typeof data.height !== "number") {
      return;
    }
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.max(120, Math.min(Math.ceil(data.height), 6000)) + "px";
      }
    }
  });
})();
