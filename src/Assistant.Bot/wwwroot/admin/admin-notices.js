// The "Avis" tab of the admin console: the service notices of every operator (in force first, then ended), a form to
// declare a maintenance or an incident, and on each notice in force a text box to post an update or end it. The same
// API as the agent console's "Incidents" view (/api/notices); the server checks everything and its 400 names the fields.
(function () {
  "use strict";

  var api = window.ConsoleSession.api;
  var shared = window.AdminConsole;
  var byId = shared.byId;
  var element = shared.element;

  var productLabel = { vroom: "V-room", ibox: "Ibox", "client-space": "espace client", other: "autre" };
  // The server names each bad field in English; the page says it in French (the server's text is the tooltip).
  var fieldMessage = {
    operator: "Choisissez un opérateur.",
    kind: "Choisissez incident ou maintenance.",
    products: "Cochez au moins un produit de l'opérateur.",
    messageFr: "Écrivez le message en français (2000 caractères au plus).",
    messageEn: "2000 caractères au plus.",
    textFr: "Écrivez le texte en français (2000 caractères au plus).",
    textEn: "2000 caractères au plus.",
    startsAt: "Un incident a déjà commencé : début passé ou vide, pas de fin prévue.",
    endsAt: "Donnez la fenêtre : un début et une fin, la fin après le début et dans le futur."
  };
  var operators = [];

  function products(list) {
    return list.map(function (p) { return productLabel[p] || p; }).join(", ");
  }

  function inForce(n) {
    return !n.endedAt && (!n.endsAt || Date.parse(n.endsAt) > Date.now());
  }

  function period(n) {
    if (n.endedAt) {
      return "du " + shared.date(n.startsAt) + " · terminé le " + shared.date(n.endedAt);
    }
    if (n.kind === "maintenance") {
      return (n.active ? "en cours" : inForce(n) ? "prévue" : "passée") + ", du " + shared.date(n.startsAt) + " au " + shared.date(n.endsAt);
    }
    return "en cours depuis le " + shared.date(n.startsAt);
  }

  function clearErrors(form) {
    NoticeForm.clearErrors(form);
  }

  function showProblem(form, response, overrides) {
    return NoticeForm.showProblem(form, response, Object.assign({}, fieldMessage, overrides), { 409: "Cet avis est déjà terminé.", 404: "Avis introuvable." });
  }

  // --- The notices ---------------------------------------------------------------------------------

  async function load() {
    byId("notices-error").textContent = "";
    var response = await api("/api/notices");
    if (!response.ok) {
      byId("notices-error").textContent = await shared.problemText(response);
      return;
    }
    var notices = await response.json();
    // In force first; the API gives each group newest first.
    notices.sort(function (a, b) { return (inForce(a) ? 0 : 1) - (inForce(b) ? 0 : 1); });
    var body = byId("notices-body");
    body.replaceChildren();
    notices.forEach(function (n) { body.appendChild(line(n)); });
    byId("notices-empty").hidden = notices.length > 0;
  }

  function line(n) {
    var message = element("div");
    message.appendChild(element("p", n.message.fr));
    if (n.message.en) {
      message.appendChild(element("p", "EN : " + n.message.en, "muted"));
    }
    var updates = element("ol", null, "history");
    n.updates.forEach(function (u) { updates.appendChild(element("li", shared.date(u.at) + " · " + u.text.fr)); });
    var ticket = n.incidentReference
      ? n.incidentReference + " · " + (n.linkedTickets || []).length + ((n.linkedTickets || []).length > 1 ? " signalements liés" : " signalement lié")
      : "";
    var tr = shared.row([n.operator, n.kind === "incident" ? "incident" : "maintenance", products(n.products), message, period(n), updates, ticket,
      inForce(n) ? writeForm(n) : ""]);
    tr.dataset.noticeId = n.id;
    tr.dataset.kind = n.kind;
    tr.dataset.state = inForce(n) ? "current" : "ended";
    return tr;
  }

  function textArea(name, rows, label, placeholder) {
    var box = element("textarea");
    box.name = name;
    box.rows = rows;
    box.placeholder = placeholder;
    box.setAttribute("aria-label", label);
    return box;
  }

  function errorLine(field) {
    var p = element("p", null, "error");
    p.dataset.errorFor = field;
    return p;
  }

  function writeForm(n) {
    var form = element("form", null, "notice-write");
    form.noValidate = true;
    var update = element("button", "Publier la mise à jour");
    update.type = "submit";
    update.dataset.action = "update";
    var end = element("button", n.kind === "incident" ? "Résoudre l'incident" : "Terminer la maintenance", "secondary");
    end.type = "button";
    end.dataset.action = "end";
    var actions = element("div", null, "actions");
    actions.append(update, end);
    form.append(
      textArea("textFr", 2, "Texte en français", n.kind === "incident" ? "Mise à jour, ou la résolution pour terminer" : "Mise à jour, ou un mot de fin (facultatif)"),
      errorLine("textFr"),
      textArea("textEn", 1, "Texte en anglais", "En anglais (facultatif)"),
      errorLine("textEn"),
      errorLine("form"),
      actions);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      send(form, n, "updates").catch(function () {});
    });
    end.addEventListener("click", function () {
      var question = n.kind === "incident"
        ? "Résoudre l'incident ? Ses signalements liés encore ouverts seront résolus et leurs demandeurs prévenus."
        : "Terminer la maintenance maintenant ?";
      if (window.confirm(question)) {
        send(form, n, "end").catch(function () {});
      }
    });
    return form;
  }

  async function send(form, n, action) {
    clearErrors(form);
    byId("notices-result").textContent = "";
    var body = { textFr: form.elements.textFr.value, textEn: form.elements.textEn.value || null };
    var response = await api("/api/notices/" + encodeURIComponent(n.id) + "/" + action, { method: "POST", body: body });
    if (!response.ok) {
      await showProblem(form, response, action === "end" ? { textFr: "Écrivez la résolution : elle est envoyée à chaque demandeur lié." } : null);
      return;
    }
    var notice = await response.json();
    var told = notice.told || 0;
    var people = n.kind === "incident" ? " : " + told + (told > 1 ? " demandeurs informés" : " demandeur informé") : "";
    byId("notices-result").textContent = (action === "end" ? (n.kind === "incident" ? "Incident résolu" : "Maintenance terminée") : "Mise à jour publiée")
      + " (" + n.operator + ", " + products(n.products) + ")" + people + ".";
    await load();
  }

  // --- Declaring -----------------------------------------------------------------------------------

  async function loadOperators() {
    var response = await api("/api/admin/settings");
    if (!response.ok) {
      byId("notices-error").textContent = await shared.problemText(response);
      return;
    }
    operators = (await response.json()).operators;
    var select = byId("notice-operator");
    var chosen = select.value;
    select.replaceChildren();
    operators.forEach(function (o) {
      var option = element("option", o.name + " (" + o.id + ")");
      option.value = o.id;
      select.appendChild(option);
    });
    if (chosen) {
      select.value = chosen;
    }
    showProducts();
  }

  // The products offered are the chosen operator's.
  function showProducts() {
    var box = byId("notice-products");
    box.querySelectorAll("label").forEach(function (l) { l.remove(); });
    var operator = operators.find(function (o) { return o.id === byId("notice-operator").value; });
    (operator ? operator.products : []).forEach(function (p) {
      var label = element("label", " " + (productLabel[p] || p));
      var check = document.createElement("input");
      check.type = "checkbox";
      check.name = "products";
      check.value = p;
      label.prepend(check);
      box.appendChild(label);
    });
  }

  async function declare(event) {
    event.preventDefault();
    var form = byId("notice-form");
    clearErrors(form);
    byId("notices-result").textContent = "";
    var maintenance = NoticeForm.isMaintenance(form);
    var body = NoticeForm.body(form);
    var response = await api("/api/notices", { method: "POST", body: body });
    if (!response.ok) {
      await showProblem(form, response);
      return;
    }
    var notice = await response.json();
    byId("notices-result").textContent = (maintenance ? "Maintenance annoncée sur " : "Incident déclaré sur ") + products(notice.products)
      + " (" + notice.operator + ")" + (notice.incidentReference ? " : demande " + notice.incidentReference : "") + ".";
    NoticeForm.clear(form);
    await load();
  }

  var form = byId("notice-form");
  form.addEventListener("submit", function (e) { declare(e).catch(function () {}); });
  NoticeForm.wire(form, byId("notice-window"), byId("notice-submit"));
  byId("notice-operator").addEventListener("change", showProducts);
  byId("notices-refresh").addEventListener("click", function () { load().catch(function () {}); });
  shared.sections.notices = async function () {
    await loadOperators();
    await load();
  };
})();
