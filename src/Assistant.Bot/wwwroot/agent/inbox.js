// The ticket inbox: views with their counts (à traiter, mes demandes, non assignées, en retard, quarantaine,
// toutes), filters, search and pages from GET /api/inbox, earliest SLA due time first. The live feed's
// "ticket" events (relayed by agent.js as agent:ticket) reload the page shown, so new tickets appear at once.
// Reports linked to an open incident are folded under it by the server: the incident's line counts them, and its
// button lists them (incident=<reference>); a search still finds them.
(function () {
  "use strict";

  var api = ConsoleSession.api;
  var priorityLabel = { urgent: "urgente", high: "haute", normal: "normale", low: "basse" };
  var statusLabel = { "new": "nouvelle", open: "ouverte", pending: "en attente du client", resolved: "résolue", closed: "fermée", quarantined: "en quarantaine" };
  var views = {
    active: {},
    mine: { assignee: "mine" },
    unassigned: { assignee: "unassigned" },
    late: { late: "true" },
    quarantined: { quarantined: "true" },
    all: { status: "all" }
  };

  var view = "active";
  var page = 1;
  var ready = false;
  var reloadTimer = null;
  var trailingTimer = null;
  var selected = null;
  var incident = null; // an incident ticket's reference: the list shows its linked reports
  var loading = 0; // the last load() wins

  function byId(id) {
    return document.getElementById(id);
  }

  function query() {
    var params = new URLSearchParams(views[view]);
    ["status", "priority", "category", "product", "assignee"].forEach(function (name) {
      var value = byId("inbox-" + name).value;
      if (value) {
        params.set(name, value);
      }
    });
    var search = byId("inbox-search").value.trim();
    if (search) {
      params.set("q", search);
    }
    if (byId("inbox-sort").value !== "due") {
      params.set("sort", byId("inbox-sort").value);
    }
    if (incident) {
      params.set("incident", incident);
      // Linked reports are resolved with their incident: show them whatever their status, unless one is chosen.
      if (!params.has("status") && !params.has("quarantined")) {
        params.set("status", "all");
      }
    }
    params.set("page", String(page));
    params.set("pageSize", "25");
    return params.toString();
  }

  async function load() {
    if (!ready) {
      return;
    }
    var mine = ++loading;
    var response = await api("/api/inbox?" + query());
    if (mine !== loading) {
      return;
    }
    byId("inbox-error").textContent = "";
    if (!response.ok) {
      var problem = await response.json().catch(function () { return {}; });
      var errors = problem.errors ? Object.values(problem.errors).flat().join(" ") : "";
      byId("inbox-error").textContent = errors || problem.detail || ("Erreur " + response.status + ".");
      return;
    }
    var data = await response.json();
    if (mine === loading) {
      render(data);
    }
  }

  // A burst of changes gives one reload, and one more once the server's counts (kept 2 s under changes) are due again.
  function later() {
    clearTimeout(reloadTimer);
    clearTimeout(trailingTimer);
    reloadTimer = setTimeout(load, 250);
    trailingTimer = setTimeout(load, 2500);
  }

  function render(data) {
    Object.keys(views).forEach(function (name) {
      var count = byId("count-" + name);
      if (count && data.counts[name] !== undefined) {
        count.textContent = String(data.counts[name]);
      }
    });
    var list = byId("inbox-list");
    list.textContent = "";
    data.items.forEach(function (t) { list.appendChild(line(t)); });
    byId("inbox-empty").hidden = data.items.length > 0;
    byId("inbox-page").textContent = "page " + data.page;
    byId("inbox-previous").disabled = data.page <= 1;
    byId("inbox-next").disabled = !data.hasMore;
  }

  function line(t) {
    var li = document.createElement("li");
    li.dataset.reference = t.reference;
    li.dataset.sla = window.AgentSla.state(t.sla);
    if (t.reference === selected) {
      li.classList.add("selected");
    }
    var first = document.createElement("span");
    first.className = "line";
    var badge = document.createElement("span");
    badge.className = "badge " + t.priority;
    badge.textContent = priorityLabel[t.priority] || t.priority;
    first.appendChild(badge);
    var reference = document.createElement("strong");
    reference.textContent = t.reference;
    first.appendChild(reference);
    if (t.unread) {
      var unread = document.createElement("span");
      unread.className = "unread";
      unread.textContent = "● nouveau message";
      first.appendChild(unread);
    }
    if (t.isIncident) {
      var linked = document.createElement("button");
      linked.type = "button";
      linked.className = "link linked";
      linked.textContent = "incident · " + t.linkedCount + (t.linkedCount > 1 ? " signalements liés" : " signalement lié");
      linked.title = "Voir les signalements liés";
      linked.addEventListener("click", function (e) {
        e.stopPropagation();
        showLinked(t.reference);
      });
      first.appendChild(linked);
    } else if (t.incidentReference) {
      var of = document.createElement("span");
      of.className = "muted linked";
      of.textContent = "lié à " + t.incidentReference;
      first.appendChild(of);
    }
    var sla = document.createElement("span");
    window.AgentSla.attach(sla, t.sla);
    first.appendChild(sla);
    li.appendChild(first);
    var title = document.createElement("span");
    title.className = "title";
    title.textContent = t.title;
    li.appendChild(title);
    var meta = document.createElement("span");
    meta.className = "muted";
    meta.textContent = [statusLabel[t.status] || t.status, t.category, t.product, t.requesterName || "anonyme",
      t.assigneeName ? "→ " + t.assigneeName : "non assignée"].join(" · ");
    li.appendChild(meta);
    li.addEventListener("click", function () { open(t.reference); });
    return li;
  }

  function open(reference) {
    selected = reference;
    document.querySelectorAll("#inbox-list li").forEach(function (li) {
      li.classList.toggle("selected", li.dataset.reference === reference);
    });
    window.AgentTicketView.open(reference);
  }

  function showLinked(reference) {
    incident = reference;
    page = 1;
    byId("inbox-incident-reference").textContent = reference;
    byId("inbox-incident").hidden = false;
    window.AgentViews.show("inbox");
  }

  function clearLinked() {
    incident = null;
    page = 1;
    byId("inbox-incident").hidden = true;
    load();
  }

  function choose(name) {
    view = name;
    page = 1;
    document.querySelectorAll("#inbox-views [data-inbox-view]").forEach(function (button) {
      button.classList.toggle("selected", button.dataset.inboxView === name);
    });
    load();
  }

  function wire() {
    document.querySelectorAll("#inbox-views [data-inbox-view]").forEach(function (button) {
      button.addEventListener("click", function () { choose(button.dataset.inboxView); });
    });
    ["status", "priority", "category", "product", "assignee", "sort"].forEach(function (name) {
      byId("inbox-" + name).addEventListener("change", function () { page = 1; load(); });
    });
    byId("inbox-search-form").addEventListener("submit", function (e) {
      e.preventDefault();
      page = 1;
      load();
    });
    byId("inbox-incident-clear").addEventListener("click", clearLinked);
    byId("inbox-previous").addEventListener("click", function () { page = Math.max(1, page - 1); load(); });
    byId("inbox-next").addEventListener("click", function () { page++; load(); });
    document.addEventListener("agent:ready", function () { ready = true; load(); });
    document.addEventListener("agent:logout", function () { ready = false; });
    document.addEventListener("agent:ticket", later);
    document.addEventListener("agent:view", function (e) { if (e.detail === "inbox") { load(); } });
    // Counts and warnings move with time even when nothing is written.
    setInterval(function () { if (ready && !byId("view-inbox").hidden) { load(); } }, 60000);
  }

  wire();
  window.AgentInbox = { reload: later, open: open, linked: showLinked };
})();
