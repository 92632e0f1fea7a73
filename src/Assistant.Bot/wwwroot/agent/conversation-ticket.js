// Agent console, "Conversations" view: the ticket panel of the conversation open (status, priority,
// category, assignee, internal notes). agent.js calls AgentConversationTicket.load(conversation) when a
// conversation is opened, taken or given back.
(function () {
  "use strict";

  var api = ConsoleSession.api;
  var me = null;
  var current = null;
  var currentTicket = null;

  function byId(id) {
    return document.getElementById(id);
  }

  function time(value) {
    return value ? new Date(value).toLocaleString("fr-FR", { dateStyle: "short", timeStyle: "short" }) : "";
  }

  async function problemText(response) {
    try {
      var problem = await response.json();
      return problem.detail || problem.title || String(response.status);
    } catch (e) {
      return String(response.status);
    }
  }

  async function loadTicket(conversation) {
    current = conversation;
    currentTicket = null;
    byId("ticket-error").textContent = "";
    var reference = current.handoff && current.handoff.ticketReference;
    if (!reference) {
      var list = await api("/api/tickets?conversationId=" + encodeURIComponent(current.conversationId) + "&limit=1");
      var found = list.ok ? await list.json() : [];
      reference = found.length > 0 ? found[0].reference : null;
    }
    if (reference) {
      var response = await api("/api/tickets/" + encodeURIComponent(reference));
      currentTicket = response.ok ? await response.json() : null;
    }
    renderTicket();
  }

  function renderTicket() {
    byId("no-ticket").hidden = !!currentTicket;
    byId("ticket").hidden = !currentTicket;
    if (!currentTicket) {
      return;
    }
    var t = currentTicket;
    byId("ticket-reference").textContent = t.reference;
    byId("ticket-title-text").textContent = t.title;
    byId("ticket-status").value = t.status;
    byId("ticket-priority").value = t.priority;
    byId("ticket-category").value = t.category;
    byId("ticket-assignee").textContent = t.assigneeName || "personne";
    byId("ticket-tier").textContent = t.contractTier;
    byId("ticket-due").textContent = t.sla ? time(t.sla.firstResponseDue) : "";
    var notes = byId("notes");
    notes.textContent = "";
    (t.comments || []).filter(function (c) { return c.internal; }).forEach(function (c) {
      var li = document.createElement("li");
      var who = document.createElement("span");
      who.className = "muted";
      who.textContent = (c.authorName || c.authorKind) + " · " + time(c.at);
      li.appendChild(who);
      li.appendChild(document.createTextNode(c.text));
      notes.appendChild(li);
    });
  }

  async function patchTicket(body) {
    byId("ticket-error").textContent = "";
    var response = await api("/api/tickets/" + encodeURIComponent(currentTicket.reference), { method: "PATCH", body: body });
    if (!response.ok) {
      byId("ticket-error").textContent = await problemText(response);
      renderTicket();
      return;
    }
    currentTicket = await response.json();
    renderTicket();
  }

  async function addNote(event) {
    event.preventDefault();
    var text = byId("note").value.trim();
    if (!text || !currentTicket) {
      return;
    }
    var response = await api("/api/tickets/" + encodeURIComponent(currentTicket.reference) + "/comments", { method: "POST", body: { text: text, internal: true } });
    if (!response.ok) {
      byId("ticket-error").textContent = await problemText(response);
      return;
    }
    byId("note").value = "";
    await loadTicket(current);
  }

  ["ticket-status", "ticket-priority", "ticket-category"].forEach(function (id) {
    byId(id).addEventListener("change", function (e) {
      var body = {};
      body[e.target.dataset.field] = e.target.value;
      patchTicket(body);
    });
  });
  byId("assign-me").addEventListener("click", function () { patchTicket({ assignee: me.email }); });
  byId("note-form").addEventListener("submit", addNote);
  document.addEventListener("agent:ready", function (e) { me = e.detail; });

  window.AgentConversationTicket = { load: loadTicket };
})();
