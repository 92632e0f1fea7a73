// Bar charts drawn as SVG in the page (no chart service): a daily chart with two bars per day, and horizontal bars
// for a breakdown. Texts are set with textContent, so no value from the server is read as markup.
(function () {
  "use strict";

  var ns = "http://www.w3.org/2000/svg";

  function element(name, attributes, text) {
    var node = document.createElementNS(ns, name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function clear(container, emptyText) {
    container.textContent = "";
    if (emptyText) {
      var empty = document.createElement("p");
      empty.className = "empty";
      empty.textContent = emptyText;
      container.appendChild(empty);
    }
  }

  // days: [{ date, opened, resolved }]
  function daily(container, days) {
    var max = Math.max.apply(null, [1].concat(days.map(function (d) { return Math.max(d.opened, d.resolved); })));
    var width = 1000, height = 220, bottom = 24, left = 30;
    var every = Math.ceil(days.length / 15);
    var slot = (width - left) / Math.max(days.length, 1), bar = Math.max(2, slot / 2 - 2);
    clear(container);
    var svg = element("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Demandes ouvertes et résolues par jour" });
    svg.appendChild(element("line", { x1: left, y1: height - bottom, x2: width, y2: height - bottom, "class": "axis" }));
    svg.appendChild(element("text", { x: 0, y: 12 }, String(max)));
    days.forEach(function (day, i) {
      var x = left + i * slot;
      [["opened", day.opened, 0], ["resolved", day.resolved, bar + 1]].forEach(function (series) {
        var h = (height - bottom - 10) * series[1] / max;
        var rect = element("rect", { x: x + series[2], y: height - bottom - h, width: bar, height: h, "class": series[0], "data-date": day.date, "data-value": series[1] });
        rect.appendChild(element("title", {}, day.date + " : " + series[1] + (series[0] === "opened" ? " ouvertes" : " résolues")));
        svg.appendChild(rect);
      });
      if (i % every === 0) {
        svg.appendChild(element("text", { x: x, y: height - bottom + 14 }, day.date.slice(8, 10) + "/" + day.date.slice(5, 7)));
      }
    });
    container.appendChild(svg);
  }

  // rows: [{ key, label, value, detail }]: key is the raw value (data-key), label what is shown
  function bars(container, rows, emptyText) {
    if (rows.length === 0) {
      clear(container, emptyText || "Rien sur cette période.");
      return;
    }
    var max = Math.max.apply(null, [1].concat(rows.map(function (r) { return r.value; })));
    var line = 24, label = 130, width = 420, height = rows.length * line;
    clear(container);
    var svg = element("svg", { viewBox: "0 0 " + width + " " + height, role: "img" });
    rows.forEach(function (row, i) {
      var y = i * line;
      svg.appendChild(element("text", { x: 0, y: y + 16 }, row.label));
      var w = (width - label - 110) * row.value / max;
      var rect = element("rect", { x: label, y: y + 4, width: Math.max(w, 1), height: line - 8, "class": "opened", "data-key": row.key, "data-value": row.value });
      rect.appendChild(element("title", {}, row.label + " : " + row.value + (row.detail ? " (" + row.detail + ")" : "")));
      svg.appendChild(rect);
      svg.appendChild(element("text", { x: label + w + 6, y: y + 16 }, String(row.value) + (row.detail ? " · " + row.detail : "")));
    });
    container.appendChild(svg);
  }

  window.ReportCharts = { daily: daily, bars: bars };
})();
