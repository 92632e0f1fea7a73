// Agent console, "Conversations" view: the live queue and one conversation (transcript, reply box, typing,
// canned responses, give back, resolve); its ticket panel is conversation-ticket.js.
// Live updates come from the Server-Sent Events feed /api/agent/events, opened with a single-use
// stream token because EventSource cannot send the Authorization header.
(function () {
  "use strict";

  var api = ConsoleSession.api;
  var priorityRank = { urgent: 0, high: 1, normal: 2, low: 3 };
  var priorityLabel = { urgent: "urgente", high: "haute", normal: "normale", low: "basse" };
  var reasonLabel = {
    "user-request": "demande un conseiller",
    "not-understood": "assistant bloqué",
    "urgent-contract": "urgence sous contrat",
    "agent-pickup": "reprise par un agent"
  };
  var canned = [
    { title: "Bonjour", text: "Bonjour, je suis votre conseiller. Je prends connaissance de votre demande." },
    { title: "Vérification", text: "Merci, je vérifie cela et je reviens vers vous dans un instant." },
    { title: "Précisions", text: "Pourriez-vous me préciser depuis quand le problème se produit et le message d'erreur affiché ?" },
    { title: "Transmis", text: "J'ai transmis votre demande à l'équipe technique ; vous serez informé ici de son avancement." },
    { title: "Clôture", text: "Votre problème est résolu. Je vous remets avec l'assistant ; bonne journée !" }
  ];

  var me = null;
  var queue = {};
  var current = null;
  var seen = {};
  var relabelled = {}; // activity id → label a colleague gave with "Décision erronée"
  var feed = null;
  var feedRetry = null;
  var lastTyping = 0;

  function byId(id) {
    return document.getElementById(id);
  }

  function time(value) {
    return value ? new Date(value).toLocaleString("fr-FR", { dateStyle: "short", timeStyle: "short" }) : "";
  }

  // --- Live feed ---------------------------------------------------------------------------------

  async function openFeed() {
    closeFeed();
    var response = await api("/api/agent/stream-token", { method: "POST" });
    if (!response.ok) {
      return;
    }
    var token = (await response.json()).token;
    feed = new EventSource("/api/agent/events?t=" + encodeURIComponent(token));
    feed.addEventListener("open", function () { byId("feed-status").textContent = "● en ligne"; });
    feed.addEventListener("queue", function (e) {
      queue = {};
      JSON.parse(e.data).forEach(function (h) { queue[h.conversationId] = h; });
      renderQueue();
    });
    feed.addEventListener("handoff", function (e) { onHandoff(JSON.parse(e.data)); });
    // Ticket changes are for the inbox (inbox.js, ticket-view.js).
    feed.addEventListener("ticket", function (e) { document.dispatchEvent(new CustomEvent("agent:ticket", { detail: JSON.parse(e.data) })); });
    feed.addEventListener("activity", function (e) {
      var data = JSON.parse(e.data);
      if (current && data.conversationId === current.conversationId) {
        addActivity(data.activity, data.moderation);
      }
    });
    feed.addEventListener("error", function () {
      // A stream token is single-use: reconnecting means asking for a new one.
      byId("feed-status").textContent = "○ reconnexion…";
      closeFeed();
      feedRetry = setTimeout(function () { if (ConsoleSession.token()) { openFeed(); } }, 3000);
    });
  }

  function closeFeed() {
    if (feed) {
      feed.close();
      feed = null;
    }
    clearTimeout(feedRetry);
  }

  function onHandoff(handoff) {
    if (handoff.state === "completed") {
      delete queue[handoff.conversationId];
    } else {
      queue[handoff.conversationId] = handoff;
    }
    renderQueue();
    if (current && current.conversationId === handoff.conversationId) {
      current.handoff = handoff;
      renderConversationState();
    }
  }

  // --- Queue -------------------------------------------------------------------------------------

  function sortedQueue() {
    return Object.values(queue).sort(function (a, b) {
      return (priorityRank[a.priority] - priorityRank[b.priority])
        || (Date.parse(a.slaDue) - Date.parse(b.slaDue))
        || (Date.parse(a.requestedAt) - Date.parse(b.requestedAt));
    });
  }

  function renderQueue() {
    var list = byId("queue");
    list.textContent = "";
    var items = sortedQueue();
    byId("queue-count").textContent = String(items.length);
    byId("queue-empty").hidden = items.length > 0;
    items.forEach(function (h) {
      var li = document.createElement("li");
      li.dataset.conversationId = h.conversationId;
      li.dataset.state = h.state;
      if (current && current.conversationId === h.conversationId) {
        li.classList.add("selected");
      }
      if (h.state === "active" && h.agent && me && h.agent.id === me.id) {
        li.classList.add("active-mine");
      }
      var first = document.createElement("span");
      first.className = "line";
      var badge = document.createElement("span");
      badge.className = "badge " + h.priority;
      badge.textContent = priorityLabel[h.priority] || h.priority;
      first.appendChild(badge);
      var state = document.createElement("strong");
      state.textContent = h.state === "pending" ? "en attente" : "avec " + (h.agent ? h.agent.name : "un agent");
      first.appendChild(state);
      if (h.flags && h.flags.length > 0) {
        var flag = document.createElement("span");
        flag.className = "badge urgent";
        flag.textContent = "⚠ modération";
        first.appendChild(flag);
      }
      li.appendChild(first);
      var second = document.createElement("span");
      second.className = "muted";
      second.textContent = (reasonLabel[h.reason] || h.reason) + (h.ticketReference ? " · " + h.ticketReference : "")
        + (h.category ? " · " + h.category : "") + " · contrat " + h.contractTier;
      li.appendChild(second);
      var third = document.createElement("span");
      third.className = "muted";
      third.textContent = "réponse due " + time(h.slaDue) + " · demandé " + time(h.requestedAt);
      li.appendChild(third);
      li.addEventListener("click", function () { select(h.conversationId); });
      list.appendChild(li);
    });
  }

  // --- Conversation ------------------------------------------------------------------------------

  async function select(conversationId) {
    byId("conversation-error").textContent = "";
    var response = await api("/api/handoffs/" + encodeURIComponent(conversationId));
    if (!response.ok) {
      byId("conversation-error").textContent = "Conversation introuvable.";
      return;
    }
    current = await response.json();
    seen = {};
    byId("no-conversation").hidden = true;
    byId("conversation").hidden = false;
    byId("transcript").textContent = "";
    var flags = {};
    ((current.handoff && current.handoff.flags) || []).forEach(function (f) { flags[f.activityId] = f; });
    relabelled = {};
    var saved = await api("/api/moderation/relabels?conversationId=" + encodeURIComponent(conversationId));
    if (saved.ok) {
      (await saved.json()).forEach(function (r) { relabelled[r.activityId] = r.label; });
    }
    current.activities.forEach(function (a) { addActivity(a, flags[a.id]); });
    renderConversationState();
    renderQueue();
    await window.AgentConversationTicket.load(current);
  }

  function addActivity(activity, moderation) {
    if (!activity.id || seen[activity.id]) {
      return;
    }
    seen[activity.id] = true;
    var li = document.createElement("li");
    var from = activity.from || {};
    if (activity.type === "event") {
      li.className = "system";
      li.textContent = describeEvent(activity);
    } else if (activity.type === "message" && (activity.text || (activity.attachments || []).length > 0)) {
      var agent = from.id && from.id.indexOf("agent:") === 0;
      li.className = from.role === "user" ? "user" : agent ? "agent" : "bot";
      li.dataset.activityId = activity.id;
      var who = document.createElement("span");
      who.className = "from";
      who.textContent = (from.role === "user" ? "Client" : agent ? from.name : "Assistant") + " · " + time(activity.timestamp);
      li.appendChild(who);
      // Bot replies are Markdown; the console shows them as plain text, without the bold markers.
      li.appendChild(document.createTextNode((activity.text || "").replace(/\*\*/g, "") || (activity.attachments || []).map(function (a) { return "📎 " + (a.name || "fichier"); }).join("\n")));
      if (moderation && moderation.label && moderation.label !== "ok") {
        var flag = document.createElement("span");
        flag.className = "flag";
        flag.textContent = "⚠ modération : " + moderation.label + " (" + moderation.action + ", score " + Number(moderation.score).toFixed(2) + ")";
        li.appendChild(document.createElement("br"));
        li.appendChild(flag);
      }
      if (from.role === "user" && activity.text) {
        li.appendChild(document.createElement("br"));
        li.appendChild(window.RelabelControl.create(current.conversationId, activity.id, moderation ? moderation.label : "ok", relabelled[activity.id]));
      }
    } else {
      return;
    }
    var list = byId("transcript");
    list.appendChild(li);
    list.scrollTop = list.scrollHeight;
  }

  function describeEvent(activity) {
    var value = activity.value || {};
    if (activity.name === "handoff.initiate") {
      return "— transfert demandé (" + (reasonLabel[value.reason] || value.reason) + ") —";
    }
    if (activity.name === "handoff.status") {
      var labels = { accepted: "pris en charge", failed: "transfert impossible", completed: "rendu à l'assistant" };
      return "— " + (labels[value.state] || value.state) + (value.message ? " : " + value.message : "") + " —";
    }
    return "— " + (activity.name || "événement") + " —";
  }

  function mine() {
    var h = current && current.handoff;
    return !!(h && h.state === "active" && h.agent && me && h.agent.id === me.id);
  }

  function renderConversationState() {
    var h = current.handoff;
    var text = !h || h.state === "completed" ? "L'assistant a la conversation."
      : h.state === "pending" ? "En attente d'un conseiller."
      : mine() ? "Vous avez la conversation." : "Avec " + h.agent.name + ".";
    byId("conversation-state").textContent = text;
    byId("conversation-title").textContent = "Conversation" + (h && h.ticketReference ? " · " + h.ticketReference : "");
    byId("accept").hidden = !!(h && h.state === "active");
    byId("give-back").disabled = !mine();
    byId("resolve").disabled = !mine();
    byId("reply").disabled = !mine();
    byId("send").disabled = !mine();
  }

  async function problemText(response) {
    try {
      var problem = await response.json();
      return problem.detail || problem.title || String(response.status);
    } catch (e) {
      return String(response.status);
    }
  }

  async function accept() {
    byId("conversation-error").textContent = "";
    var response = await api("/api/handoffs/" + encodeURIComponent(current.conversationId) + "/accept", { method: "POST" });
    if (!response.ok) {
      byId("conversation-error").textContent = response.status === 409
        ? "Impossible de prendre cette conversation : " + await problemText(response)
        : "Erreur " + response.status + ".";
      return;
    }
    current.handoff = await response.json();
    onHandoff(current.handoff);
    byId("reply").focus();
    await window.AgentConversationTicket.load(current);
  }

  async function complete(resolved) {
    byId("conversation-error").textContent = "";
    var response = await api("/api/handoffs/" + encodeURIComponent(current.conversationId) + "/complete", { method: "POST", body: { resolved: resolved } });
    if (!response.ok) {
      byId("conversation-error").textContent = await problemText(response);
      return;
    }
    current.handoff = await response.json();
    onHandoff(current.handoff);
    await window.AgentConversationTicket.load(current);
  }

  async function send(event) {
    event.preventDefault();
    var box = byId("reply");
    var text = box.value.trim();
    if (!text || !mine()) {
      return;
    }
    byId("send").disabled = true;
    var response = await api("/api/conversations/" + encodeURIComponent(current.conversationId) + "/messages", { method: "POST", body: { text: text } });
    byId("send").disabled = !mine();
    if (!response.ok) {
      byId("conversation-error").textContent = await problemText(response);
      return;
    }
    box.value = "";
    lastTyping = 0;
  }

  function typing() {
    // WebChat shows the indicator for a few seconds; one signal every 3 s while typing keeps it on.
    var now = Date.now();
    if (!mine() || now - lastTyping < 3000 || !byId("reply").value) {
      return;
    }
    lastTyping = now;
    api("/api/conversations/" + encodeURIComponent(current.conversationId) + "/typing", { method: "POST" }).catch(function () {});
  }

  // --- Start -------------------------------------------------------------------------------------

  function wire() {
    byId("accept").addEventListener("click", accept);
    byId("give-back").addEventListener("click", function () { complete(false); });
    byId("resolve").addEventListener("click", function () { complete(true); });
    byId("reply-form").addEventListener("submit", send);
    byId("reply").addEventListener("input", typing);
    byId("reply").addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey) {
        send(e);
      }
    });
    var cannedBox = byId("canned");
    canned.forEach(function (c) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = c.title;
      button.title = c.text;
      button.addEventListener("click", function () {
        var box = byId("reply");
        box.value = box.value ? box.value + " " + c.text : c.text;
        box.focus();
        typing();
      });
      cannedBox.appendChild(button);
    });
  }

  wire();
  window.AgentConversation = { select: select };
  ConsoleSession.start({
    onReady: function (user) {
      me = user;
      openFeed();
      document.dispatchEvent(new CustomEvent("agent:ready", { detail: user }));
    },
    onLogout: function () {
      closeFeed();
      current = null;
      queue = {};
      document.dispatchEvent(new CustomEvent("agent:logout"));
    }
  });
})();
