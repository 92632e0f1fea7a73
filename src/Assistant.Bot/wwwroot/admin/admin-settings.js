// The "Réglages" tab of the admin console: each operator's business hours, holidays and terms of use (CGU), and the
// LLM endpoint. Edits apply at once and win over configuration until reset. The API key is write-only: the field is
// always empty, its placeholder says whether a key is set. Helpers come from admin.js, api() from /console/session.js.
(function () {
  "use strict";

  var api = window.ConsoleSession.api;
  var shared = window.AdminConsole;
  var byId = shared.byId;
  var element = shared.element;
  var problemText = shared.problemText;

  var days = [["Monday", "Lundi"], ["Tuesday", "Mardi"], ["Wednesday", "Mercredi"], ["Thursday", "Jeudi"],
    ["Friday", "Vendredi"], ["Saturday", "Samedi"], ["Sunday", "Dimanche"]];

  function sourceText(source) {
    return source === "console" ? "modifié dans la console" : "configuration";
  }

  function labelled(text, input) {
    var label = element("label", text + " ");
    label.appendChild(input);
    return label;
  }

  function input(name, type, value) {
    var node = document.createElement("input");
    node.name = name;
    node.type = type;
    if (value !== undefined && value !== null) {
      node.value = value;
    }
    return node;
  }

  async function loadSettings() {
    var response = await api("/api/admin/settings");
    var settings = await response.json();
    var forms = byId("operator-forms");
    forms.replaceChildren();
    settings.operators.forEach(function (o) {
      forms.appendChild(operatorForm(o));
    });
    showLlm(settings.llm);
  }

  // Operators --------------------------------------------------------------

  function operatorForm(o) {
    var form = element("form", null, "settings-form operator-form");
    form.noValidate = true;
    form.dataset.operator = o.id;
    var title = element("h4", o.name + " (" + o.id + ") ");
    title.appendChild(element("span", sourceText(o.source), "badge source"));
    form.appendChild(title);

    var table = element("table", null, "grid hours");
    var head = element("tr");
    ["Jour", "Ouverture", "Fermeture", "Fermé"].forEach(function (h) {
      head.appendChild(element("th", h));
    });
    table.appendChild(head);
    days.forEach(function (d) {
      var open = o.businessHours.filter(function (h) {
        return h.day === d[0];
      })[0];
      var tr = element("tr");
      tr.dataset.day = d[0];
      var opens = input("opens", "time", open ? open.opens : "09:00");
      var closes = input("closes", "time", open ? open.closes : "18:00");
      var closed = input("closed", "checkbox");
      closed.checked = !open;
      opens.disabled = closes.disabled = closed.checked;
      closed.addEventListener("change", function () {
        opens.disabled = closes.disabled = closed.checked;
      });
      [element("th", d[1]), opens, closes, closed].forEach(function (cell) {
        var td = cell.tagName === "TH" ? cell : element("td");
        if (td !== cell) {
          td.appendChild(cell);
        }
        tr.appendChild(td);
      });
      table.appendChild(tr);
    });
    form.appendChild(table);

    var holidays = document.createElement("select");
    holidays.name = "holidays";
    [["FR", "Jours fériés français"], ["none", "Aucun"]].forEach(function (h) {
      var option = element("option", h[1]);
      option.value = h[0];
      holidays.appendChild(option);
    });
    holidays.value = o.holidays;
    form.appendChild(labelled("Jours fériés", holidays));
    form.appendChild(labelled("Version des CGU", input("cguVersion", "text", o.cguVersion)));
    form.appendChild(labelled("Lien vers les CGU", input("cguUrl", "text", o.cguUrl)));

    var actions = element("div", null, "row");
    var reason = input("reason", "text");
    reason.placeholder = "Raison du changement (obligatoire)";
    reason.setAttribute("aria-label", "Raison du changement");
    var save = element("button", "Enregistrer");
    save.type = "submit";
    var reset = element("button", "Revenir à la configuration", "secondary");
    reset.type = "button";
    [reason, save, reset].forEach(function (node) {
      actions.appendChild(node);
    });
    form.appendChild(actions);
    var error = element("p", null, "error");
    error.setAttribute("role", "alert");
    var saved = element("p", null, "muted saved");
    saved.setAttribute("aria-live", "polite");
    form.appendChild(error);
    form.appendChild(saved);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      saveOperator(form);
    });
    reset.addEventListener("click", function () {
      resetOperator(form);
    });
    return form;
  }

  function operatorPath(form) {
    return "/api/admin/settings/operators/" + encodeURIComponent(form.dataset.operator);
  }

  function setMessages(form, error, saved) {
    form.querySelector(".error").textContent = error || "";
    form.querySelector(".saved").textContent = saved || "";
  }

  async function saveOperator(form) {
    setMessages(form);
    var hours = [];
    form.querySelectorAll("tr[data-day]").forEach(function (tr) {
      if (!tr.querySelector("[name=closed]").checked) {
        hours.push({ day: tr.dataset.day, opens: tr.querySelector("[name=opens]").value, closes: tr.querySelector("[name=closes]").value });
      }
    });
    var fields = form.elements;
    var response = await api(operatorPath(form), {
      method: "PUT",
      body: { businessHours: hours, holidays: fields.holidays.value, cguVersion: fields.cguVersion.value, cguUrl: fields.cguUrl.value, reason: fields.reason.value }
    });
    if (!response.ok) {
      setMessages(form, await problemText(response));
      return;
    }
    replaceOperator(form, await response.json(), "Enregistré : appliqué tout de suite.");
  }

  async function resetOperator(form) {
    setMessages(form);
    var reason = form.elements.reason.value || window.prompt("Raison du retour à la configuration ?");
    if (!reason) {
      return;
    }
    var response = await api(operatorPath(form) + "/reset", { method: "POST", body: { reason: reason } });
    if (!response.ok) {
      setMessages(form, await problemText(response));
      return;
    }
    replaceOperator(form, await response.json(), "Configuration rétablie.");
  }

  function replaceOperator(form, o, message) {
    var fresh = operatorForm(o);
    form.replaceWith(fresh);
    setMessages(fresh, "", message);
  }

  // LLM --------------------------------------------------------------------

  function showLlm(llm) {
    byId("llm-settings").textContent = (llm.enabled
      ? llm.model + " sur " + llm.endpoint + " ; clé d'API " + (llm.apiKeySet ? "enregistrée" : "absente") + "."
      : "Aucun : l'interpréteur local est utilisé.") + " Source : " + sourceText(llm.source) + ".";
    byId("llm-endpoint").value = llm.endpoint || "";
    byId("llm-model").value = llm.model;
    byId("llm-timeout").value = llm.timeoutSeconds;
    // Write-only: the key never comes back, the field only says whether one is set.
    byId("llm-key").value = "";
    byId("llm-key").placeholder = llm.apiKeySet ? "Une clé est enregistrée : laisser vide pour la garder" : "Aucune clé enregistrée";
    byId("llm-clear-key").checked = false;
    byId("llm-reason").value = "";
  }

  async function saveLlm(event) {
    event.preventDefault();
    byId("llm-error").textContent = "";
    byId("llm-saved").textContent = "";
    var body = {
      endpoint: byId("llm-endpoint").value,
      model: byId("llm-model").value,
      timeoutSeconds: byId("llm-timeout").value === "" ? null : Number(byId("llm-timeout").value),
      clearApiKey: byId("llm-clear-key").checked,
      reason: byId("llm-reason").value
    };
    if (byId("llm-key").value) {
      body.apiKey = byId("llm-key").value;
    }
    var response = await api("/api/admin/settings/llm", { method: "PUT", body: body });
    byId("llm-key").value = "";
    if (!response.ok) {
      byId("llm-error").textContent = await problemText(response);
      return;
    }
    showLlm(await response.json());
    byId("llm-saved").textContent = "Enregistré : utilisé dès le prochain message.";
  }

  async function resetLlm() {
    byId("llm-error").textContent = "";
    byId("llm-saved").textContent = "";
    var reason = byId("llm-reason").value || window.prompt("Raison du retour à la configuration ?");
    if (!reason) {
      return;
    }
    var response = await api("/api/admin/settings/llm/reset", { method: "POST", body: { reason: reason } });
    if (!response.ok) {
      byId("llm-error").textContent = await problemText(response);
      return;
    }
    showLlm(await response.json());
    byId("llm-saved").textContent = "Configuration rétablie.";
  }

  byId("llm-form").addEventListener("submit", saveLlm);
  byId("llm-reset").addEventListener("click", resetLlm);
  shared.sections.settings = loadSettings;
})();
