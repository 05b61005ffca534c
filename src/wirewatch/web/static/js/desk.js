// wirewatch desk: the only script. Brushing the date histogram sets the from/to filters.
(function () {
  "use strict";
  var svg = document.getElementById("histogram");
  var form = document.getElementById("filters");
  if (!svg || !form) { return; }
  var bars = Array.prototype.slice.call(svg.querySelectorAll("rect.bar"));
  var start = null;
  function monthEnd(month) {
    var parts = month.split("-");
    var last = new Date(Date.UTC(+parts[0], +parts[1], 0)).getUTCDate();
    return month + "-" + (last < 10 ? "0" + last : String(last));
  }
  function mark(a, b) {
    var lo = Math.min(a, b), hi = Math.max(a, b);
    bars.forEach(function (bar, i) { bar.classList.toggle("selected", i >= lo && i <= hi); });
  }
  bars.forEach(function (bar, i) {
    bar.addEventListener("mousedown", function (e) { e.preventDefault(); start = i; mark(i, i); });
    bar.addEventListener("mouseenter", function () { if (start !== null) { mark(start, i); } });
    bar.addEventListener("mouseup", function () {
      if (start === null) { return; }
      var lo = Math.min(start, i), hi = Math.max(start, i);
      start = null;
      form.elements["from"].value = bars[lo].getAttribute("data-from") + "-01";
      form.elements["to"].value = monthEnd(bars[hi].getAttribute("data-to"));
      form.submit();
    });
  });
  svg.addEventListener("click", function (e) { e.preventDefault(); });
  svg.querySelectorAll("a").forEach(function (a) {
    a.addEventListener("click", function (e) { e.preventDefault(); });
  });
})();
