// The reports page: asks /api/reports for a period, fills the key figures, draws the charts and lists the incidents; the CSV link
// downloads the same period's tickets with the staff token (a plain link could not carry it).
(function () {
  "use strict";

  var byId = function (id) { return document.getElementById(id); };
  var labels = {
    low: "basse", normal: "normale", high: "haute", urgent: "urgente",
    incident: "incident", access: "accès", billing: "facturation", order: "commande", complaint: "réclamation", question: "question",
    vroom: "V-room", ibox: "Ibox", "client-space": "espace client", other: "autre",
    ok: "légitime", abusive: "abusif", offtopic: "hors sujet",
    allow: "laissé passer", warn: "avertissement", refuse: "refusé", quarantine: "quarantaine"
  };

  function label(value) {
    return labels[value] || value;
  }

  function isoDay(date) {
    return date.toISOString().slice(0, 10);
  }

  function percent(share) {
    return share === null || share === undefined ? "–" : Math.round(share * 100) + " %";
  }

  function duration(minutes) {
    if (minutes === null || minutes === undefined) {
      return "–";
    }
    return minutes < 60 ? Math.round(minutes) + " min" : (minutes / 60).toFixed(1).replace(".", ",") + " h";
  }

  function query() {
    var params = new URLSearchParams({ from: byId("from").value, to: byId("to").value });
    if (byId("operator").value) {
      params.set("operator", byId("operator").value);
    }
    return params.toString();
  }

  function breakdown(values) {
    return values.map(function (v) { return { key: v.value, label: label(v.value), value: v.opened, detail: v.resolved + (v.resolved > 1 ? " résolues" : " résolue") }; });
  }

  function time(value) {
    return value ? new Date(value).toLocaleString("fr-FR", { dateStyle: "short", timeStyle: "short" }) : "en cours";
  }

  // One line per incident started in the period: its reports, the time to the first update and how long it lasted.
  function showIncidents(figures) {
    byId("incidents-summary").textContent = figures.declared === 0 ? "" : figures.declared + " déclaré(s) · " + figures.resolved + " résolu(s) · "
      + figures.linked + " signalement(s) lié(s) · 1re mise à jour médiane " + duration(figures.medianFirstUpdateMinutes)
      + " · durée médiane " + duration(figures.medianDurationMinutes);
    var body = byId("incidents-table").tBodies[0];
    body.textContent = "";
    figures.incidents.forEach(function (i) {
      var row = body.insertRow();
      row.dataset.reference = i.reference || "";
      [i.reference || "–", i.operator, i.products.map(label).join(", "), time(i.startedAt), time(i.endedAt), String(i.linked),
        duration(i.firstUpdateMinutes), duration(i.durationMinutes) + (i.endedAt ? "" : " (en cours)")].forEach(function (text) {
        row.insertCell().textContent = text;
      });
    });
    byId("incidents-table").hidden = figures.incidents.length === 0;
    byId("incidents-none").hidden = figures.incidents.length > 0;
  }

  function show(report) {
    var t = report.tickets;
    byId("opened").textContent = t.opened;
    byId("resolved").textContent = t.resolved;
    byId("first-response").textContent = percent(t.sla.firstResponseAttainment);
    byId("resolution").textContent = percent(t.sla.resolutionAttainment);
    byId("median-first").textContent = duration(t.sla.medianFirstResponseMinutes);
    byId("handoffs").textContent = report.handoffs.requested + " (" + duration(report.handoffs.medianWaitMinutes) + ")";
    var rated = t.satisfaction;
    byId("satisfaction").textContent = rated.average === null ? "–" : String(rated.average).replace(".", ",") + "/5 (" + rated.rated + ")";
    ReportCharts.daily(byId("days-chart"), t.days);
    ReportCharts.bars(byId("category-chart"), breakdown(t.byCategory));
    ReportCharts.bars(byId("priority-chart"), breakdown(t.byPriority));
    ReportCharts.bars(byId("product-chart"), breakdown(t.byProduct));
    ReportCharts.bars(byId("operator-chart"), breakdown(t.byOperator));
    ReportCharts.bars(byId("satisfaction-chart"), rated.rated === 0 ? [] : rated.scores.map(function (count, i) {
      return { key: String(i + 1), label: (i + 1) + "/5", value: count };
    }), "Aucune note sur cette période.");
    ReportCharts.bars(byId("moderation-chart"), report.moderation.map(function (m) {
      return { key: m.label + "/" + m.action, label: label(m.label) + " · " + label(m.action), value: m.count };
    }));
    showIncidents(report.incidents);
  }

  async function load(event) {
    if (event) {
      event.preventDefault();
    }
    byId("report-error").textContent = "";
    var response = await ConsoleSession.api("/api/reports?" + query());
    if (!response.ok) {
      var problem = await response.json().catch(function () { return {}; });
      var errors = problem.errors ? Object.values(problem.errors).flat().join(" ") : "";
      byId("report-error").textContent = "Rapport impossible : " + (errors || problem.detail || response.status);
      return;
    }
    var report = await response.json();
    fillOperators(report.operators);
    show(report);
  }

  function fillOperators(operators) {
    var select = byId("operator");
    if (select.options.length > 1) {
      return;
    }
    operators.forEach(function (id) {
      var option = document.createElement("option");
      option.value = id;
      option.textContent = id;
      select.appendChild(option);
    });
  }

  async function downloadCsv(event) {
    event.preventDefault();
    var response = await ConsoleSession.api("/api/reports/tickets.csv?" + query());
    if (!response.ok) {
      byId("report-error").textContent = "Export impossible (" + response.status + ").";
      return;
    }
    var url = URL.createObjectURL(await response.blob());
    var link = document.createElement("a");
    link.href = url;
    link.download = "demandes-" + byId("from").value + "-" + byId("to").value + ".csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  }

  var today = new Date();
  byId("to").value = isoDay(today);
  byId("from").value = isoDay(new Date(today.getTime() - 29 * 86400000));
  byId("period").addEventListener("submit", load);
  byId("csv").addEventListener("click", downloadCsv);
  ConsoleSession.start({ onReady: function () { load(); } });
})();
