// The ticket view of the inbox: fields (status, priority, category, product, assignee), the SLA countdown,
// the requester, attachments, the thread (public replies and internal notes apart), the history with who and
// when, and the conversation's transcript with its moderation flags. A public reply goes to the requester's
// chat (POST /api/tickets/{reference}/comments, internal: false); an internal note never leaves the team.
(function () {
  "use strict";

  var api = ConsoleSession.api;
  var labels = {
    status: { "new": "nouvelle", open: "ouverte", pending: "en attente du client", resolved: "résolue", closed: "fermée", quarantined: "en quarantaine" },
    priority: { urgent: "urgente", high: "haute", normal: "normale", low: "basse" },
    category: { incident: "incident", access: "accès", billing: "facturation", order: "commande", complaint: "réclamation", question: "question" },
    product: { vroom: "V-room", ibox: "Ibox", "client-space": "espace client", other: "autre" }
  };
  var fieldLabel = { status: "statut", priority: "priorité", category: "catégorie", product: "produit", assignee: "assignation", title: "titre",
    comment: "réponse publique", "internal-note": "note interne", attachment: "pièce jointe", requester: "demandeur",
    satisfaction: "note du client" };
  var canned = [
    { title: "Prise en charge", text: "Bonjour, je prends en charge votre demande et reviens vers vous rapidement." },
    { title: "Précisions", text: "Pourriez-vous nous préciser depuis quand le problème se produit et le message d'erreur affiché ?" },
    { title: "Résolu", text: "Le problème est corrigé de notre côté. Pouvez-vous nous confirmer que tout fonctionne ?" }
  ];

  var me = null;
  var view = null;
  var loading = 0; // the last open() wins: an older answer arriving late is dropped

  function byId(id) {
    return document.getElementById(id);
  }

  function time(value) {
    return value ? new Date(value).toLocaleString("fr-FR", { dateStyle: "short", timeStyle: "short" }) : "";
  }

  function item(className, who, text) {
    var li = document.createElement("li");
    li.className = className;
    var from = document.createElement("span");
    from.className = "from";
    from.textContent = who;
    li.appendChild(from);
    li.appendChild(document.createTextNode(text));
    return li;
  }

  async function open(reference) {
    var mine = ++loading;
    byId("ticket-view-error").textContent = "";
    var response = await api("/api/inbox/tickets/" + encodeURIComponent(reference));
    if (mine !== loading) {
      return;
    }
    if (!response.ok) {
      byId("ticket-view-error").textContent = response.status === 404 ? "Demande introuvable." : "Erreur " + response.status + ".";
      return;
    }
    var loaded = await response.json();
    if (mine !== loading) {
      return;
    }
    view = loaded;
    byId("ticket-view-none").hidden = true;
    byId("ticket-view").hidden = false;
    render();
    // An incident's ticket has no customer conversation (its conversation id names the notice): nothing to ask for.
    if (view.ticket.isIncident) {
      noTranscript("Demande d'incident : pas de conversation avec un client. Les demandeurs suivent l'incident par ses signalements liés.");
      return;
    }
    await loadTranscript(view.ticket.conversationId, mine);
  }

  function options(select, values, current, names) {
    select.textContent = "";
    values.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = names[value] || value;
      select.appendChild(option);
    });
    select.value = current;
  }

  function render() {
    var t = view.ticket;
    byId("tv-reference").textContent = t.reference;
    byId("tv-title").textContent = t.title;
    byId("tv-description").textContent = t.description;
    byId("tv-quarantine").hidden = t.status !== "quarantined";
    byId("tv-take").hidden = !!t.isIncident;
    renderIncident(t);
    options(byId("tv-status"), [t.status].concat(view.nextStatuses), t.status, labels.status);
    options(byId("tv-priority"), ["urgent", "high", "normal", "low"], t.priority, labels.priority);
    options(byId("tv-category"), Object.keys(labels.category), t.category, labels.category);
    options(byId("tv-product"), view.products, t.product, labels.product);
    byId("tv-assignee").textContent = t.assigneeName || "personne";
    byId("tv-assign-me").hidden = !!(me && t.assigneeId === me.id);
    byId("tv-unassign").hidden = !t.assigneeId;
    var r = t.requester || {};
    byId("tv-requester").textContent = [r.name || "anonyme", r.email, r.phone, r.customerNumber].filter(Boolean).join(" · ");
    byId("tv-tier").textContent = t.contractTier + " · " + t.operator;
    // The mail server's verdict on the requester's address: a refused address means the customer hears nothing by e-mail.
    var mail = view.mail;
    var mailBox = byId("tv-mail");
    mailBox.textContent = !mail ? "aucune adresse"
      : mail.addressRefused ? "adresse refusée par le serveur de messagerie (" + mail.refusedReason + ")" + (mail.customerAsked ? " ; l'assistant a demandé une autre adresse" : " ; l'assistant en demandera une autre à la prochaine visite")
      : mail.optedOut ? "le client ne veut plus d'e-mails"
      : mail.enabled ? "les réponses publiques et les changements de statut lui sont aussi envoyés par e-mail"
      : "pas d'envoi d'e-mail configuré pour cet opérateur";
    mailBox.className = mail && mail.addressRefused ? "tv-mail-refused" : "";
    window.AgentSla.attach(byId("tv-sla"), view.sla);
    byId("tv-first-response").textContent = t.sla.firstResponseAt
      ? "répondu " + time(t.sla.firstResponseAt) + (view.sla.firstResponseMet ? " (dans le délai)" : " (hors délai)")
      : "due " + time(t.sla.firstResponseDue);
    byId("tv-resolution").textContent = "visée " + time(t.sla.resolutionDue);
    var rating = t.satisfaction;
    byId("tv-satisfaction").textContent = rating
      ? rating.score + "/5" + (rating.comment ? " · « " + rating.comment + " »" : "") + " · " + time(rating.at)
      : "pas encore notée";

    var attachments = byId("tv-attachments");
    attachments.textContent = "";
    (t.attachments || []).forEach(function (a) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      // Only web links: a stored attachment from an older version may carry any URL (javascript:, data:).
      if (/^https?:\/\//i.test(a.url || "")) {
        link.href = a.url;
      }
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = a.name + " (" + Math.max(1, Math.round(a.size / 1024)) + " Ko)";
      li.appendChild(link);
      attachments.appendChild(li);
    });
    byId("tv-attachments-none").hidden = (t.attachments || []).length > 0;

    var thread = byId("tv-thread");
    thread.textContent = "";
    (t.comments || []).forEach(function (c) {
      var who = (c.authorName || c.authorKind) + " · " + time(c.at) + (c.internal ? " · note interne" : c.authorKind === "requester" ? " · client" : " · réponse publique");
      thread.appendChild(item(c.internal ? "internal" : c.authorKind === "requester" ? "user" : "agent", who, c.text));
    });

    var history = byId("tv-history");
    history.textContent = "";
    (t.history || []).slice().reverse().forEach(function (h) {
      var names = labels[h.field] || {};
      var change = h.from || h.to ? " : " + (names[h.from] || h.from || "—") + " → " + (names[h.to] || h.to || "—") : "";
      var li = document.createElement("li");
      li.textContent = time(h.at) + " · " + (h.actorName || h.actorId) + " · " + (fieldLabel[h.field] || h.field) + change;
      history.appendChild(li);
    });
  }

  function noTranscript(text) {
    var list = byId("tv-transcript");
    list.textContent = "";
    list.appendChild(item("system", "", text));
  }

  // An incident ticket leads to its linked reports; a linked report to its incident.
  function renderIncident(t) {
    var box = byId("tv-incident");
    box.textContent = "";
    box.hidden = !t.isIncident && !t.incidentReference;
    if (box.hidden) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link";
    if (t.isIncident) {
      var n = view.linkedCount || 0;
      box.appendChild(document.createTextNode("Incident : " + n + (n > 1 ? " signalements liés. " : " signalement lié. ")));
      button.textContent = "Voir les signalements liés";
      button.dataset.action = "linked";
      button.addEventListener("click", function () { window.AgentInbox.linked(t.reference); });
    } else {
      box.appendChild(document.createTextNode("Rattachée à l'incident "));
      button.textContent = t.incidentReference;
      button.dataset.action = "incident";
      button.addEventListener("click", function () { window.AgentInbox.open(t.incidentReference); });
    }
    box.appendChild(button);
  }

  async function loadTranscript(conversationId, mine) {
    var list = byId("tv-transcript");
    var response = await api("/api/handoffs/" + encodeURIComponent(conversationId));
    var conversation = response.ok ? await response.json() : null;
    if (mine !== loading) {
      return;
    }
    list.textContent = "";
    if (!conversation) {
      noTranscript("Transcription indisponible.");
      return;
    }
    var flags = {};
    ((conversation.handoff && conversation.handoff.flags) || []).forEach(function (f) { flags[f.activityId] = f; });
    conversation.activities.filter(function (a) { return a.type === "message" && (a.text || (a.attachments || []).length > 0); }).forEach(function (a) {
      var from = a.from || {};
      var agent = from.id && from.id.indexOf("agent:") === 0;
      // A file sent without text shows by its name, as in the conversation view.
      var text = (a.text || "").replace(/\*\*/g, "") || (a.attachments || []).map(function (f) { return "📎 " + (f.name || "fichier"); }).join("\n");
      var li = item(from.role === "user" ? "user" : agent ? "agent" : "bot",
        (from.role === "user" ? "Client" : agent ? from.name : "Assistant") + " · " + time(a.timestamp), text);
      var flag = flags[a.id];
      if (flag && flag.label !== "ok") {
        var mark = document.createElement("span");
        mark.className = "flag";
        mark.textContent = " ⚠ modération : " + flag.label + " (" + flag.action + ")";
        li.appendChild(mark);
      }
      list.appendChild(li);
    });
  }

  async function problemText(response) {
    var problem = await response.json().catch(function () { return {}; });
    return problem.errors ? Object.values(problem.errors).flat().join(" ") : problem.detail || problem.title || String(response.status);
  }

  async function patch(body) {
    var response = await api("/api/tickets/" + encodeURIComponent(view.ticket.reference), { method: "PATCH", body: body });
    var error = response.ok ? "" : await problemText(response);
    // Reloading puts the fields back as stored, so a refused change does not stay on screen.
    await open(view.ticket.reference);
    byId("ticket-view-error").textContent = error;
  }

  async function write(internal) {
    var box = byId("tv-message");
    var text = box.value.trim();
    if (!text || !view) {
      return;
    }
    byId("ticket-view-error").textContent = "";
    var response = await api("/api/tickets/" + encodeURIComponent(view.ticket.reference) + "/comments", { method: "POST", body: { text: text, internal: internal } });
    if (!response.ok) {
      byId("ticket-view-error").textContent = await problemText(response);
      return;
    }
    box.value = "";
    byId("tv-sent").textContent = internal ? "Note interne ajoutée." : "Réponse envoyée au client.";
    await open(view.ticket.reference);
  }

  // The terms allow deleting what moderation set aside; the server refuses it for any other ticket.
  async function remove() {
    var reference = view.ticket.reference;
    if (!window.confirm("Supprimer définitivement la demande " + reference + " ?")) {
      return;
    }
    var response = await api("/api/tickets/" + encodeURIComponent(reference), { method: "DELETE" });
    if (!response.ok) {
      byId("ticket-view-error").textContent = await problemText(response);
      return;
    }
    // The live feed may already be reloading the ticket it announced as deleted: that answer is dropped.
    loading++;
    view = null;
    byId("ticket-view").hidden = true;
    byId("ticket-view-none").hidden = false;
    byId("ticket-view-error").textContent = "Demande " + reference + " supprimée.";
  }

  async function take() {
    var conversationId = view.ticket.conversationId;
    var response = await api("/api/handoffs/" + encodeURIComponent(conversationId) + "/accept", { method: "POST" });
    if (!response.ok) {
      byId("ticket-view-error").textContent = await problemText(response);
      return;
    }
    window.AgentViews.show("conversations");
    await window.AgentConversation.select(conversationId);
  }

  function wire() {
    ["status", "priority", "category", "product"].forEach(function (field) {
      byId("tv-" + field).addEventListener("change", function (e) {
        var body = {};
        body[field] = e.target.value;
        patch(body);
      });
    });
    byId("tv-assign-me").addEventListener("click", function () { patch({ assignee: me.email }); });
    byId("tv-unassign").addEventListener("click", function () { patch({ assignee: "" }); });
    // The buttons send; the form itself never submits (the page's CSP allows no inline handler for this).
    byId("tv-write").addEventListener("submit", function (e) { e.preventDefault(); });
    byId("tv-reply").addEventListener("click", function () { write(false); });
    byId("tv-note").addEventListener("click", function () { write(true); });
    byId("tv-take").addEventListener("click", take);
    byId("tv-release").addEventListener("click", function () { patch({ status: "open" }); });
    byId("tv-delete").addEventListener("click", remove);
    var box = byId("tv-canned");
    canned.forEach(function (c) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = c.title;
      button.title = c.text;
      button.addEventListener("click", function () {
        var message = byId("tv-message");
        message.value = message.value ? message.value + " " + c.text : c.text;
        message.focus();
      });
      box.appendChild(button);
    });
    document.addEventListener("agent:ready", function (e) { me = e.detail; });
    document.addEventListener("agent:ticket", function (e) {
      if (view && e.detail.reference === view.ticket.reference && !byId("view-inbox").hidden) {
        open(view.ticket.reference);
      }
    });
  }

  wire();
  window.AgentTicketView = { open: open };
})();
