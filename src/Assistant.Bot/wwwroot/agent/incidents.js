// Agent console, "Incidents" view: the service notices of the agent's operators (in force, then ended), the
// incidents suggested by a surge of similar reports, and the forms to declare, update and end a notice (/api/notices).
// Refreshed every 10 s while shown and on the live feed's ticket events (a surge is made of new tickets, relayed by
// agent.js as agent:ticket), so a suggestion appears without a reload; the tab's badge counts the suggestions.
// Cards are kept per notice between refreshes, so a text being typed in one is not lost.
(function () {
  "use strict";

  var api = ConsoleSession.api;
  var productLabel = { vroom: "V-room", ibox: "Ibox", "client-space": "espace client", other: "autre" };
  var categoryLabel = { incident: "incident", access: "accès", billing: "facturation", order: "commande", complaint: "réclamation", question: "question" };
  // The server names each bad field in English; the console says it in French (the server's text stays in the tooltip).
  var fieldMessage = {
    operator: "Choisissez un de vos opérateurs.",
    kind: "Choisissez incident ou maintenance.",
    products: "Cochez au moins un produit de l'opérateur.",
    product: "Produit inconnu pour cet opérateur.",
    messageFr: "Écrivez le message en français (2000 caractères au plus).",
    messageEn: "2000 caractères au plus.",
    textFr: "Écrivez le texte en français (2000 caractères au plus).",
    textEn: "2000 caractères au plus.",
    startsAt: "Un incident a déjà commencé : début passé ou vide, pas de fin prévue.",
    endsAt: "Donnez la fenêtre : un début et une fin, la fin après le début et dans le futur.",
    tickets: "Certains signalements ne peuvent plus être liés (déjà liés ou traités) : la liste est rechargée."
  };

  var ready = false;
  var loading = 0; // the last load() wins
  var later = null;
  var cards = {}; // notice id → { li, info, told, form }
  var suggestionCards = {}; // operator|product|category → { li, info, input, error, suggestion }
  var told = {}; // notice id → what the last change told, kept when the card moves to the ended list

  function byId(id) {
    return document.getElementById(id);
  }

  function time(value) {
    return value ? new Date(value).toLocaleString("fr-FR", { dateStyle: "short", timeStyle: "short" }) : "";
  }

  function count(n, one, many) {
    return n + " " + (n > 1 ? many : one);
  }

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function products(list) {
    return list.map(function (p) { return productLabel[p] || p; }).join(", ");
  }

  function inForce(n) {
    return !n.endedAt && (!n.endsAt || Date.parse(n.endsAt) > Date.now());
  }

  // --- Errors --------------------------------------------------------------------------------------

  function clearErrors(form) {
    NoticeForm.clearErrors(form);
  }

  function showProblem(form, response, overrides) {
    return NoticeForm.showProblem(form, response, Object.assign({}, fieldMessage, overrides), { 403: "Vous ne gérez pas cet opérateur.", 409: "Cet avis est déjà terminé.", 404: "Avis introuvable." });
  }

  // --- Loading -------------------------------------------------------------------------------------

  async function load() {
    if (!ready) {
      return;
    }
    var mine = ++loading;
    var answers = await Promise.all([api("/api/notices"), api("/api/notices/suggestions")]);
    if (mine !== loading) {
      return;
    }
    if (!answers[0].ok || !answers[1].ok) {
      byId("notices-error").textContent = "Chargement impossible (erreur " + (answers[0].ok ? answers[1].status : answers[0].status) + ").";
      return;
    }
    var notices = await answers[0].json();
    var suggestions = await answers[1].json();
    if (mine !== loading) {
      return;
    }
    byId("notices-error").textContent = "";
    renderNotices(notices);
    renderSuggestions(suggestions);
  }

  function reload() {
    load().catch(function () {});
  }

  // A burst of ticket changes (a surge) gives one reload a second later, and a steady flow one a second at most.
  function soon() {
    if (later) {
      return;
    }
    later = setTimeout(function () { later = null; reload(); }, 1000);
  }

  // --- Notices -------------------------------------------------------------------------------------

  function renderNotices(notices) {
    var lists = { current: byId("notices-current"), ended: byId("notices-ended") };
    var placed = { current: 0, ended: 0 };
    var seen = {};
    notices.forEach(function (n) {
      seen[n.id] = true;
      var card = cards[n.id] || (cards[n.id] = newCard(n));
      fill(card, n);
      var where = inForce(n) ? "current" : "ended";
      if (where === "ended" && card.form) {
        card.form.remove();
        card.form = null;
      }
      // Moving a node blurs what is focused in it: only move a card that is not already in place.
      var list = lists[where];
      if (list.children[placed[where]] !== card.li) {
        list.insertBefore(card.li, list.children[placed[where]] || null);
      }
      placed[where]++;
    });
    Object.keys(cards).forEach(function (id) {
      if (!seen[id]) {
        cards[id].li.remove();
        delete cards[id];
      }
    });
    byId("notices-current-empty").hidden = placed.current > 0;
    byId("notices-ended-empty").hidden = placed.ended > 0;
  }

  function newCard(n) {
    var li = element("li", "card notice");
    li.dataset.noticeId = n.id;
    li.dataset.kind = n.kind;
    var card = { li: li, info: element("div"), told: element("p", "told"), form: null, notice: n };
    li.appendChild(card.info);
    li.appendChild(card.told);
    if (inForce(n)) {
      card.form = writeForm(n);
      li.appendChild(card.form);
    }
    return card;
  }

  function fill(card, n) {
    var info = card.info;
    card.notice = n;
    info.textContent = "";
    var head = element("p", "head");
    head.appendChild(element("span", "badge " + (n.kind === "incident" ? "urgent" : "high"), n.kind === "incident" ? "Incident" : "Maintenance"));
    head.appendChild(element("strong", "", " " + products(n.products) + " "));
    head.appendChild(element("span", "muted", state(n)));
    info.appendChild(head);
    info.appendChild(element("p", "message", n.message.fr));
    if (n.message.en) {
      info.appendChild(element("p", "message muted", "EN : " + n.message.en));
    }
    if (n.incidentReference) {
      var ticket = element("p", "muted");
      var open = element("button", "link", n.incidentReference);
      open.type = "button";
      open.dataset.reference = n.incidentReference;
      open.title = "Ouvrir la demande de l'incident";
      open.addEventListener("click", function () {
        window.AgentViews.show("inbox");
        window.AgentInbox.open(n.incidentReference);
      });
      ticket.appendChild(document.createTextNode("Demande "));
      ticket.appendChild(open);
      var linked = (n.linkedTickets || []).length;
      ticket.appendChild(element("span", "linked", " · " + count(linked, "signalement lié", "signalements liés")));
      info.appendChild(ticket);
    }
    if (n.updates.length > 0) {
      var updates = element("ol", "updates");
      n.updates.forEach(function (u) {
        var li = element("li");
        li.appendChild(element("span", "muted", time(u.at) + " · "));
        li.appendChild(document.createTextNode(u.text.fr));
        updates.appendChild(li);
      });
      info.appendChild(updates);
    }
    card.told.textContent = told[n.id] || "";
    card.told.hidden = !told[n.id];
  }

  function state(n) {
    if (n.endedAt) {
      return "depuis le " + time(n.startsAt) + " · terminé le " + time(n.endedAt);
    }
    if (n.kind === "maintenance") {
      var span = "du " + time(n.startsAt) + " au " + time(n.endsAt);
      return (n.active ? "en cours, " : inForce(n) ? "prévue, " : "passée, ") + span;
    }
    return "en cours depuis le " + time(n.startsAt);
  }

  function writeForm(n) {
    var form = element("form", "notice-write");
    form.noValidate = true;
    var fr = element("textarea");
    fr.name = "textFr";
    fr.rows = 2;
    fr.placeholder = n.kind === "incident" ? "Mise à jour, ou la résolution pour terminer l'incident" : "Mise à jour, ou un mot de fin (facultatif)";
    fr.setAttribute("aria-label", "Texte en français");
    var en = element("textarea");
    en.name = "textEn";
    en.rows = 1;
    en.placeholder = "En anglais (facultatif)";
    en.setAttribute("aria-label", "Texte en anglais");
    var errorFr = element("p", "error");
    errorFr.dataset.errorFor = "textFr";
    var errorEn = element("p", "error");
    errorEn.dataset.errorFor = "textEn";
    var general = element("p", "error");
    general.dataset.errorFor = "form";
    general.setAttribute("role", "alert");
    var actions = element("div", "actions");
    var update = element("button", "", "Publier la mise à jour");
    update.type = "submit";
    update.dataset.action = "update";
    var end = element("button", "secondary", n.kind === "incident" ? "Résoudre l'incident" : "Terminer la maintenance");
    end.type = "button";
    end.dataset.action = "end";
    actions.appendChild(update);
    actions.appendChild(end);
    [fr, errorFr, en, errorEn, general, actions].forEach(function (e) { form.appendChild(e); });

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      send(form, n, "updates", update).catch(function () {});
    });
    end.addEventListener("click", function () {
      var latest = cards[n.id] ? cards[n.id].notice : n;
      var linked = latest.linkedTickets || [];
      var question = n.kind === "incident"
        ? "Résoudre l'incident ? Ses demandes liées encore ouvertes seront résolues et leurs demandeurs prévenus."
        : "Terminer la maintenance maintenant ?";
      if (n.kind === "incident" && !fr.value.trim()) {
        errorFr.textContent = "Écrivez la résolution : elle est envoyée à chaque demandeur lié.";
        return;
      }
      if (window.confirm(question + (linked.length ? " (" + count(linked.length, "signalement lié", "signalements liés") + ")" : ""))) {
        send(form, n, "end", end).catch(function () {});
      }
    });
    return form;
  }

  async function send(form, n, action, button) {
    clearErrors(form);
    var body = { textFr: form.elements.textFr.value, textEn: form.elements.textEn.value || null };
    button.disabled = true;
    var response;
    try {
      response = await api("/api/notices/" + encodeURIComponent(n.id) + "/" + action, { method: "POST", body: body });
    } finally {
      button.disabled = false;
    }
    if (!response.ok) {
      await showProblem(form, response, action === "end" && n.kind === "incident" ? { textFr: "Écrivez la résolution : elle est envoyée à chaque demandeur lié." } : null);
      return;
    }
    var notice = await response.json();
    // A maintenance has no linked requesters: its texts show in the chat page's banner and the public status.
    var people = n.kind === "incident" ? " : " + count(notice.told || 0, "demandeur informé", "demandeurs informés") : "";
    told[n.id] = (action === "end" ? (n.kind === "incident" ? "Incident résolu" : "Maintenance terminée") : "Mise à jour publiée") + people + ".";
    form.elements.textFr.value = "";
    form.elements.textEn.value = "";
    await load();
  }

  // --- Suggestions ---------------------------------------------------------------------------------

  function renderSuggestions(suggestions) {
    var list = byId("suggestions");
    var seen = {};
    suggestions.forEach(function (s, index) {
      var key = s.operator + "|" + s.product + "|" + s.category;
      seen[key] = true;
      var card = suggestionCards[key] || (suggestionCards[key] = newSuggestion(s));
      card.suggestion = s;
      card.info.textContent = "";
      var head = element("p", "head");
      head.appendChild(element("span", "badge urgent", count(s.count, "signalement", "signalements")));
      head.appendChild(element("strong", "", " " + (productLabel[s.product] || s.product) + " "));
      head.appendChild(element("span", "muted", (categoryLabel[s.category] || s.category) + " · " + s.operator + " · du " + time(s.firstAt) + " au " + time(s.lastAt)));
      card.info.appendChild(head);
      card.info.appendChild(element("p", "message", "« " + s.sample + " »"));
      if (list.children[index] !== card.li) {
        list.insertBefore(card.li, list.children[index] || null);
      }
    });
    Object.keys(suggestionCards).forEach(function (key) {
      if (!seen[key]) {
        suggestionCards[key].li.remove();
        delete suggestionCards[key];
      }
    });
    byId("suggestions-empty").hidden = suggestions.length > 0;
    var badge = byId("incidents-badge");
    badge.textContent = String(suggestions.length);
    badge.hidden = suggestions.length === 0;
  }

  function newSuggestion(s) {
    var li = element("li", "card suggestion");
    li.dataset.product = s.product;
    var form = element("form", "notice-write");
    form.noValidate = true;
    var input = element("textarea");
    input.name = "messageFr";
    input.rows = 2;
    input.value = s.sample;
    input.setAttribute("aria-label", "Message de l'incident en français");
    var error = element("p", "error");
    error.dataset.errorFor = "messageFr";
    var general = element("p", "error");
    general.dataset.errorFor = "form";
    general.setAttribute("role", "alert");
    var actions = element("div", "actions");
    var declare = element("button", "", "Déclarer l'incident");
    declare.type = "submit";
    actions.appendChild(declare);
    [input, error, general, actions].forEach(function (e) { form.appendChild(e); });
    var card = { li: li, info: element("div"), input: input, suggestion: s };
    li.appendChild(card.info);
    li.appendChild(form);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      declareSuggestion(form, card, declare).catch(function () {});
    });
    return card;
  }

  async function declareSuggestion(form, card, button) {
    clearErrors(form);
    var s = card.suggestion;
    button.disabled = true;
    var response;
    try {
      response = await api("/api/notices/suggestions/declare", {
        method: "POST",
        body: { operator: s.operator, product: s.product, tickets: s.tickets, messageFr: card.input.value }
      });
    } finally {
      button.disabled = false;
    }
    if (!response.ok) {
      await showProblem(form, response);
      await load();
      return;
    }
    var notice = await response.json();
    told[notice.id] = "Incident déclaré : " + count((notice.linkedTickets || []).length, "signalement lié", "signalements liés")
      + ", " + count(notice.told || 0, "demandeur informé", "demandeurs informés") + ".";
    await load();
  }

  // --- Declaring -----------------------------------------------------------------------------------

  async function declare(event) {
    event.preventDefault();
    var form = byId("declare-form");
    clearErrors(form);
    byId("declare-done").textContent = "";
    var maintenance = NoticeForm.isMaintenance(form);
    var body = NoticeForm.body(form);
    byId("declare-submit").disabled = true;
    var response;
    try {
      response = await api("/api/notices", { method: "POST", body: body });
    } finally {
      byId("declare-submit").disabled = false;
    }
    if (!response.ok) {
      await showProblem(form, response);
      return;
    }
    var notice = await response.json();
    byId("declare-done").textContent = maintenance
      ? "Maintenance annoncée sur " + products(notice.products) + "."
      : "Incident déclaré sur " + products(notice.products) + " : demande " + notice.incidentReference + ".";
    NoticeForm.clear(form);
    await load();
  }

  function fillOperators(user) {
    var ids = user.operatorIds || [];
    var list = byId("declare-operators");
    list.textContent = "";
    ids.forEach(function (id) {
      var option = element("option");
      option.value = id;
      list.appendChild(option);
    });
    var input = byId("declare-operator");
    if (!input.value && ids.length > 0) {
      input.value = ids[0];
    }
    input.placeholder = ids.length > 0 ? "" : "identifiant, ex. digisense";
  }

  // --- Start ---------------------------------------------------------------------------------------

  function wire() {
    var form = byId("declare-form");
    form.addEventListener("submit", function (e) { declare(e).catch(function () {}); });
    NoticeForm.wire(form, byId("declare-window"), byId("declare-submit"));
    document.addEventListener("agent:ready", function (e) {
      ready = true;
      fillOperators(e.detail);
      reload();
    });
    document.addEventListener("agent:logout", function () { ready = false; });
    document.addEventListener("agent:ticket", function () { if (ready) { soon(); } });
    document.addEventListener("agent:view", function (e) { if (e.detail === "incidents") { reload(); } });
    setInterval(function () { if (ready && !byId("view-incidents").hidden) { reload(); } }, 10000);
  }

  wire();
})();
