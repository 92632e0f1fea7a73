// The "Réponses de l'aide" tab of the admin console: what the self-service answers did over a period (offered,
// confirmed, assumed, did not help, by article) and the questions no article answered. Read-only.
(function () {
  "use strict";

  var api = window.ConsoleSession.api;
  var shared = window.AdminConsole;
  var byId = shared.byId;
  var problemText = shared.problemText;

  function row(cells) {
    var tr = document.createElement("tr");
    cells.forEach(function (value) {
      var td = document.createElement("td");
      td.textContent = value;
      tr.appendChild(td);
    });
    return tr;
  }

  function fill(id, rows, empty) {
    var body = byId(id);
    body.replaceChildren();
    if (rows.length === 0) {
      body.appendChild(row([empty]));
      return;
    }
    rows.forEach(function (cells) { body.appendChild(row(cells)); });
  }

  async function load(event) {
    if (event) {
      event.preventDefault();
    }
    byId("selfservice-error").textContent = "";
    var response = await api("/api/admin/selfservice/figures?days=" + encodeURIComponent(byId("selfservice-days").value));
    if (!response.ok) {
      byId("selfservice-error").textContent = await problemText(response);
      return;
    }
    var figures = await response.json();
    fill("selfservice-totals", [[figures.offered, figures.confirmed, figures.assumed, figures.notHelped, figures.open,
      figures.nothingFound, Math.round(figures.resolutionRate * 100) + " %"].map(String)], "");
    fill("selfservice-articles", figures.articles.map(function (a) {
      return [a.article, a.offered, a.confirmed, a.assumed, a.notHelped].map(String);
    }), "Aucun article proposé sur la période.");
    fill("selfservice-unanswered", figures.unanswered.map(function (q) {
      return [q.at.replace("T", " ").slice(0, 16), q.operatorId, q.language, q.question, q.bestConfidence.toFixed(2)];
    }), "Aucune question sans article sur la période.");
  }

  byId("selfservice-form").addEventListener("submit", load);
  shared.sections.selfservice = load;
})();
