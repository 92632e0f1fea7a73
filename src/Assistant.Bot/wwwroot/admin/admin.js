// The admin console: reply templates (edit, preview, save, history, rollback), moderation thresholds (preview
// and save), sanctions (list, lift) and the audit log. The other tabs have their own file: admin-models.js,
// admin-users.js, admin-settings.js, admin-staff.js.
// Login and the api() helper come from /console/session.js.
(function () {
  "use strict";

  var api = window.ConsoleSession.api;
  var loaded = {};
  var current = null; // the template being edited: {key, language}
  var templates = [];

  function byId(id) {
    return document.getElementById(id);
  }

  // What the tabs kept in their own file share with this one; they add their loader to sections.
  window.AdminConsole = { sections: {}, byId: byId, element: element, problemText: problemText, row: row, date: date, percent: percent };

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function row(cells) {
    var tr = document.createElement("tr");
    cells.forEach(function (cell) {
      var td = document.createElement("td");
      if (cell instanceof Node) {
        td.appendChild(cell);
      } else {
        td.textContent = cell === null || cell === undefined ? "" : String(cell);
      }
      tr.appendChild(td);
    });
    return tr;
  }

  function date(value) {
    return value ? new Date(value).toISOString().replace("T", " ").slice(0, 16) : "";
  }

  function percent(value) {
    return (value * 100).toFixed(1) + " %";
  }

  // The first reason of a validation problem (400), or the status.
  async function problemText(response) {
    try {
      var problem = await response.json();
      if (problem.errors) {
        var first = Object.keys(problem.errors)[0];
        return problem.errors[first][0];
      }
      return problem.detail || problem.title || ("Erreur " + response.status);
    } catch (e) {
      return "Erreur " + response.status;
    }
  }

  // Sections ---------------------------------------------------------------

  function show(section) {
    document.querySelectorAll(".admin-section").forEach(function (s) {
      s.hidden = s.id !== section;
    });
    document.querySelectorAll(".tab").forEach(function (t) {
      t.classList.toggle("active", t.dataset.section === section);
    });
    if (!loaded[section]) {
      loaded[section] = true;
      var load = ({ templates: loadTemplates, thresholds: loadThresholds, sanctions: loadSanctions, audit: searchAudit })[section]
        || window.AdminConsole.sections[section];
      load();
    }
  }

  // Templates --------------------------------------------------------------

  async function loadTemplates() {
    var response = await api("/api/admin/templates");
    templates = await response.json();
    // The LLM interpreter's prompt is edited here too, through its own endpoints.
    var prompt = await (await api("/api/admin/prompts/interpret")).json();
    templates.unshift({ key: prompt.key, language: prompt.language, version: prompt.version });
    renderTemplateList();
  }

  function renderTemplateList() {
    var filter = byId("template-filter").value.toLowerCase();
    var list = byId("template-list");
    list.replaceChildren();
    templates.filter(function (t) {
      return (t.key + " " + t.language).toLowerCase().indexOf(filter) >= 0;
    }).forEach(function (t) {
      var li = element("li", t.key + " · " + t.language + " ");
      li.dataset.name = t.key + "/" + t.language;
      if (t.version > 0) {
        li.appendChild(element("span", "v" + t.version, "badge"));
      }
      if (current && current.key === t.key && current.language === t.language) {
        li.classList.add("selected");
      }
      li.addEventListener("click", function () {
        openTemplate(t.key, t.language);
      });
      list.appendChild(li);
    });
  }

  async function openTemplate(key, language) {
    current = { key: key, language: language };
    var response = await api(templatePath());
    var template = await response.json();
    byId("template-none").hidden = true;
    byId("template-form").hidden = false;
    byId("template-name").textContent = key + " · " + language;
    byId("template-version").textContent = template.version === 0 ? "texte livré" : "version " + template.version;
    byId("template-variables").textContent = template.variables.length ? template.variables.join(", ") : "aucune";
    byId("template-text").value = template.text;
    byId("template-reason").value = "";
    byId("template-error").textContent = "";
    byId("template-rendered").textContent = "";
    renderHistory(template);
    renderTemplateList();
  }

  function renderHistory(template) {
    var list = byId("template-history");
    list.replaceChildren();
    template.history.forEach(function (version) {
      var li = element("li", "v" + version.version + " – " + date(version.savedAt) + " – " + (version.savedByName || version.savedBy) + " : " + version.reason + " ");
      if (version.restoredFrom !== null && version.restoredFrom !== undefined) {
        li.appendChild(element("span", "(restaure v" + version.restoredFrom + ") ", "muted"));
      }
      if (version.version !== template.version) {
        li.appendChild(rollbackButton(version.version, "Restaurer"));
      }
      list.appendChild(li);
    });
    var shipped = element("li", "v0 – texte livré dans prompts/ ");
    if (template.version !== 0) {
      shipped.appendChild(rollbackButton(0, "Restaurer le texte livré"));
    }
    list.appendChild(shipped);
  }

  function rollbackButton(version, label) {
    var button = element("button", label, "secondary");
    button.type = "button";
    button.addEventListener("click", async function () {
      var reason = window.prompt("Raison du retour à la version " + version + " ?");
      if (!reason) {
        return;
      }
      var response = await api(templatePath() + "/rollback", { method: "POST", body: { version: version, reason: reason } });
      if (!response.ok) {
        byId("template-error").textContent = await problemText(response);
        return;
      }
      await loadTemplates();
      await openTemplate(current.key, current.language);
    });
    return button;
  }

  function templatePath() {
    if (current.key === "Intake/Interpret") {
      return "/api/admin/prompts/interpret";
    }
    return "/api/admin/templates/" + encodeURIComponent(current.key) + "/" + encodeURIComponent(current.language);
  }

  async function previewTemplate() {
    byId("template-error").textContent = "";
    var response = await api(templatePath() + "/preview", { method: "POST", body: { text: byId("template-text").value } });
    if (!response.ok) {
      byId("template-rendered").textContent = "";
      byId("template-error").textContent = await problemText(response);
      return;
    }
    byId("template-rendered").textContent = (await response.json()).rendered;
  }

  async function saveTemplate(event) {
    event.preventDefault();
    byId("template-error").textContent = "";
    var response = await api(templatePath(), {
      method: "PUT",
      body: { text: byId("template-text").value, reason: byId("template-reason").value }
    });
    if (!response.ok) {
      byId("template-error").textContent = await problemText(response);
      return;
    }
    await loadTemplates();
    await openTemplate(current.key, current.language);
    byId("template-error").textContent = "";
    byId("template-rendered").textContent = "Enregistré : l'assistant utilise cette version dès le prochain message.";
  }

  // Thresholds -------------------------------------------------------------

  function bindThreshold(label) {
    var range = byId(label + "-range");
    var number = byId(label + "-threshold");
    range.addEventListener("input", function () {
      number.value = range.value;
    });
    number.addEventListener("input", function () {
      range.value = number.value;
    });
  }

  function setPolicy(label, policy, actions) {
    byId(label + "-range").value = policy.threshold;
    byId(label + "-threshold").value = Number(policy.threshold).toFixed(2);
    var select = byId(label + "-action");
    select.replaceChildren();
    actions.forEach(function (action) {
      var option = element("option", action);
      option.value = action;
      select.appendChild(option);
    });
    select.value = policy.action;
  }

  function strike() {
    return Number(byId("strike-threshold").value);
  }

  function policy(label) {
    return { threshold: Number(byId(label + "-threshold").value), action: byId(label + "-action").value };
  }

  async function loadThresholds() {
    var response = await api("/api/admin/moderation/thresholds");
    var thresholds = await response.json();
    setPolicy("abusive", thresholds.abusive, thresholds.actions);
    setPolicy("offtopic", thresholds.offtopic, thresholds.actions);
    byId("strike-range").value = thresholds.strike;
    byId("strike-threshold").value = Number(thresholds.strike).toFixed(2);
  }

  async function previewThresholds() {
    byId("thresholds-error").textContent = "";
    var response = await api("/api/admin/moderation/thresholds/preview", {
      method: "POST",
      body: { abusive: policy("abusive"), offtopic: policy("offtopic"), strike: strike(), days: Number(byId("preview-days").value) }
    });
    if (!response.ok) {
      byId("thresholds-error").textContent = await problemText(response);
      return;
    }
    var result = await response.json();
    byId("thresholds-result").hidden = false;
    byId("heldout-rows").textContent = result.proposed.rows;
    byId("heldout-model").textContent = result.proposed.modelVersion;
    var body = byId("metrics-body");
    body.replaceChildren();
    [["Abusif, actuel", result.current.abusive, result.current], ["Abusif, proposé", result.proposed.abusive, result.proposed],
      ["Hors sujet, actuel", result.current.offtopic, result.current], ["Hors sujet, proposé", result.proposed.offtopic, result.proposed]]
      .forEach(function (line) {
        var m = line[1];
        body.appendChild(row([line[0], percent(m.precision), percent(m.recall), m.flagged + " / " + m.support, m.falsePositives,
          line[2].okFlagged + " (" + percent(line[2].okFlaggedRate) + ")", line[2].strikes + " (" + line[2].okStrikes + ")"]));
      });
    var traffic = result.traffic;
    byId("traffic-summary").textContent = traffic.messages + " messages analysés sur " + traffic.days + " jours ; "
      + traffic.changed + " changeraient de décision.";
    var changes = byId("traffic-changes");
    changes.replaceChildren();
    Object.keys(traffic.changes).forEach(function (change) {
      changes.appendChild(element("li", change + " : " + traffic.changes[change]));
    });
  }

  async function saveThresholds(event) {
    event.preventDefault();
    byId("thresholds-error").textContent = "";
    byId("thresholds-saved").textContent = "";
    var response = await api("/api/admin/moderation/thresholds", {
      method: "PUT",
      body: { abusive: policy("abusive"), offtopic: policy("offtopic"), strike: strike(), reason: byId("thresholds-reason").value }
    });
    if (!response.ok) {
      byId("thresholds-error").textContent = await problemText(response);
      return;
    }
    byId("thresholds-reason").value = "";
    byId("thresholds-saved").textContent = "Enregistré : appliqué au prochain message.";
  }

  // Sanctions --------------------------------------------------------------

  async function loadSanctions() {
    byId("sanctions-error").textContent = "";
    var response = await api("/api/admin/sanctions");
    var sanctions = await response.json();
    var body = byId("sanctions-body");
    body.replaceChildren();
    sanctions.forEach(function (s) {
      var lift = element("button", "Lever", "secondary");
      lift.type = "button";
      lift.addEventListener("click", function () {
        liftSanction(s);
      });
      body.appendChild(row([s.operatorId, s.userId, s.level === "banned" ? "exclusion" : "suspension", date(s.since),
        s.until ? date(s.until) : "définitive", s.reason, s.clause, s.decidedBy, lift]));
    });
    byId("sanctions-empty").hidden = sanctions.length > 0;
  }

  async function liftSanction(sanction) {
    var reason = window.prompt("Raison de la levée de la sanction de " + sanction.userId + " ?");
    if (!reason) {
      return;
    }
    var path = "/api/admin/sanctions/" + encodeURIComponent(sanction.operatorId) + "/" + encodeURIComponent(sanction.userId) + "/lift";
    var response = await api(path, { method: "POST", body: { reason: reason } });
    if (!response.ok) {
      byId("sanctions-error").textContent = await problemText(response);
      return;
    }
    await loadSanctions();
  }

  // Audit ------------------------------------------------------------------

  var auditSearch = 0; // the latest search: an older answer arriving after it is dropped

  async function searchAudit(event) {
    if (event) {
      event.preventDefault();
    }
    var mine = ++auditSearch;
    var form = byId("audit-form").elements;
    var query = new URLSearchParams();
    ["actor", "action", "text"].forEach(function (name) {
      if (form[name].value) {
        query.set(name, form[name].value);
      }
    });
    if (form.from.value) {
      query.set("from", form.from.value + "T00:00:00Z");
    }
    if (form.to.value) {
      query.set("to", form.to.value + "T23:59:59Z");
    }
    query.set("limit", "200");
    var response = await api("/api/admin/audit?" + query.toString());
    var entries = response.ok ? await response.json() : null;
    if (mine !== auditSearch) {
      return;
    }
    if (!response.ok) {
      byId("audit-error").textContent = await problemText(response);
      return;
    }
    byId("audit-error").textContent = "";
    var body = byId("audit-body");
    body.replaceChildren();
    entries.forEach(function (entry) {
      var decision = entry.moderation;
      var relabel = decision && decision.activityId && decision.conversationId
        ? window.RelabelControl.create(decision.conversationId, decision.activityId, decision.label)
        : "";
      var tr = row([date(entry.at), entry.actorName ? entry.actorName + " (" + entry.actor + ")" : entry.actor, entry.action, entry.target, entry.details, relabel]);
      tr.children[4].className = "details";
      body.appendChild(tr);
    });
  }

  // Start ------------------------------------------------------------------

  function ready(me) {
    var isAdmin = me.role === "admin";
    byId("not-admin").hidden = isAdmin;
    document.querySelector(".tabs").hidden = !isAdmin;
    if (!isAdmin) {
      document.querySelectorAll(".admin-section").forEach(function (s) {
        s.hidden = true;
      });
      return;
    }
    show("templates");
  }

  document.querySelectorAll(".tab").forEach(function (tab) {
    tab.addEventListener("click", function () {
      show(tab.dataset.section);
    });
  });
  byId("template-filter").addEventListener("input", renderTemplateList);
  byId("template-preview").addEventListener("click", previewTemplate);
  byId("template-form").addEventListener("submit", saveTemplate);
  bindThreshold("abusive");
  bindThreshold("offtopic");
  bindThreshold("strike");
  byId("thresholds-preview").addEventListener("click", previewThresholds);
  byId("thresholds-form").addEventListener("submit", saveThresholds);
  byId("sanctions-refresh").addEventListener("click", loadSanctions);
  byId("audit-form").addEventListener("submit", searchAudit);

  window.ConsoleSession.start({
    onReady: ready,
    onLogout: function () {
      loaded = {};
      current = null;
    }
  });
})();
