// The "Réponses de l'aide" tab of the admin console: what the self-service answers did over a period (offered,
// confirmed, assumed, did not help, by article), the questions no article answered, and editing an article
// (versions, preview, publish, withdraw, back to the shipped text).
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

  // Editing: the API keeps versions; a save is a draft, "Publier" serves the newest version from the next question on.
  var current = null;

  function articlePath() {
    return "/api/admin/selfservice/articles/" + byId("article-select").value;
  }

  function fields() {
    return {
      title: byId("article-title").value,
      body: byId("article-body").value,
      tags: byId("article-tags").value.split(",").map(function (t) { return t.trim(); }).filter(Boolean),
      products: byId("article-products").value.split(",").filter(Boolean),
      categories: byId("article-categories").value.split(",").filter(Boolean),
      link: byId("article-link").value
    };
  }

  function showArticle(article) {
    current = article;
    var text = article.history.length > 0 ? article.history[0] : article.shipped;
    byId("article-title").value = text.title;
    byId("article-body").value = text.body;
    byId("article-tags").value = text.tags.join(", ");
    byId("article-products").value = text.products.join(",");
    byId("article-categories").value = text.categories.join(",");
    byId("article-link").value = text.link;
    var published = article.published === -1 ? "retiré" : article.published === 0 ? "texte livré" : "version " + article.published;
    byId("article-status").textContent = "Servi : " + published + " ; " + article.history.length + " version(s) enregistrée(s)"
      + (article.served ? " ; titre servi : « " + article.served.title + " »" : "");
  }

  async function send(path, options) {
    byId("article-error").textContent = "";
    var response = await api(articlePath() + path, options);
    if (!response.ok) {
      byId("article-error").textContent = await problemText(response);
      return null;
    }
    return response.json();
  }

  // The list opens its first article while the admin may already have picked another one: only the answer for the
  // article still selected is shown, so a slow first answer cannot overwrite the one the admin asked for.
  async function openArticle() {
    var asked = byId("article-select").value;
    var article = await send("", {});
    if (article && byId("article-select").value === asked) {
      showArticle(article);
    }
  }

  async function loadArticles() {
    var articles = await (await api("/api/admin/selfservice/articles")).json();
    var select = byId("article-select");
    select.replaceChildren();
    articles.forEach(function (a) {
      var option = document.createElement("option");
      option.value = a.id + "/" + a.language;
      option.textContent = a.id + " (" + a.language + ") : " + a.title;
      select.appendChild(option);
    });
    if (articles.length > 0) {
      await openArticle();
    }
  }

  async function preview() {
    var body = fields();
    body.question = byId("article-question").value;
    var result = await send("/preview", { method: "POST", body: body });
    if (result) {
      byId("article-rendered").textContent = result.title + "\n\n" + result.extract + "\n\n" + result.link
        + (result.decision ? "\n\nPour la question : " + result.decision + " (confiance " + result.confidence.toFixed(2) + ", article " + result.bestArticle + ")" : "");
    }
  }

  async function save(event) {
    event.preventDefault();
    var body = fields();
    body.reason = byId("article-reason").value;
    if (await send("", { method: "PUT", body: body })) {
      await openArticle();
    }
  }

  async function change(path, body) {
    body.reason = byId("article-reason").value;
    var article = await send(path, { method: "POST", body: body });
    if (article) {
      byId("article-reason").value = "";
      showArticle(article);
    }
  }

  byId("selfservice-form").addEventListener("submit", load);
  byId("article-select").addEventListener("change", openArticle);
  byId("article-form").addEventListener("submit", save);
  byId("article-preview").addEventListener("click", preview);
  byId("article-publish").addEventListener("click", function () {
    change("/publish", { version: current && current.history.length > 0 ? current.history[0].version : 0 });
  });
  byId("article-unpublish").addEventListener("click", function () { change("/unpublish", {}); });
  byId("article-rollback").addEventListener("click", function () { change("/rollback", { version: 0 }); });
  shared.sections.selfservice = function () { load(); loadArticles(); };
})();
