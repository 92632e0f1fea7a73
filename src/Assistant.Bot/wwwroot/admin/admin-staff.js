// The "Équipe" tab of the admin console: agents and admins (create, disable or enable, reset a password). A reset
// shows the temporary password once, on this page only. Helpers come from admin.js, api() from /console/session.js.
(function () {
  "use strict";

  var api = window.ConsoleSession.api;
  var shared = window.AdminConsole;
  var byId = shared.byId;
  var element = shared.element;
  var problemText = shared.problemText;

  function message(text, isError) {
    byId("staff-error").textContent = isError ? text : "";
    byId("staff-result").textContent = isError ? "" : text;
  }

  function button(label, className, onClick) {
    var node = element("button", label, className);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  async function loadStaff() {
    var staff = await (await api("/api/staff")).json();
    var body = byId("staff-body");
    body.replaceChildren();
    staff.forEach(function (s) {
      var actions = element("div", null, "actions");
      actions.append(
        button(s.disabled ? "Réactiver" : "Désactiver", s.disabled ? "secondary" : "danger", function () { setDisabled(s, !s.disabled); }),
        button("Réinitialiser le mot de passe", "secondary", function () { resetPassword(s); }));
      var tr = shared.row([s.displayName, s.email, s.role === "admin" ? "administrateur" : "agent",
        s.role === "admin" ? "tous" : (s.operatorIds.join(", ") || "aucun"), s.disabled ? "désactivé" : "actif", actions]);
      tr.dataset.email = s.email;
      body.appendChild(tr);
    });
  }

  async function loadOperators() {
    var settings = await (await api("/api/admin/settings")).json();
    var box = byId("staff-operators");
    box.querySelectorAll("label").forEach(function (l) { l.remove(); });
    settings.operators.forEach(function (o) {
      var label = element("label", " " + o.name);
      var check = document.createElement("input");
      check.type = "checkbox";
      check.name = "operatorIds";
      check.value = o.id;
      label.prepend(check);
      box.appendChild(label);
    });
  }

  async function setDisabled(s, disabled) {
    var response = await api("/api/staff/" + encodeURIComponent(s.id), { method: "PATCH", body: { disabled: disabled } });
    if (!response.ok) {
      message(await problemText(response), true);
      return;
    }
    message(s.displayName + (disabled ? " est désactivé." : " est réactivé."));
    await loadStaff();
  }

  async function resetPassword(s) {
    if (!window.confirm("Remplacer le mot de passe de " + s.displayName + " par un mot de passe temporaire ?")) {
      return;
    }
    var response = await api("/api/staff/" + encodeURIComponent(s.id) + "/reset-password", { method: "POST" });
    if (!response.ok) {
      message(await problemText(response), true);
      return;
    }
    var reset = await response.json();
    message("Mot de passe temporaire de " + s.displayName + " (affiché une seule fois, à transmettre par un canal sûr) : " + reset.temporaryPassword);
  }

  async function create(event) {
    event.preventDefault();
    var form = byId("staff-form");
    var fields = form.elements;
    var body = {
      displayName: fields.displayName.value.trim(),
      email: fields.email.value.trim(),
      role: fields.role.value,
      operatorIds: Array.prototype.filter.call(form.querySelectorAll("input[name=operatorIds]"), function (c) { return c.checked; })
        .map(function (c) { return c.value; }),
      password: fields.password.value
    };
    var response = await api("/api/staff", { method: "POST", body: body });
    if (!response.ok) {
      message(await problemText(response), true);
      return;
    }
    form.reset();
    message("Compte créé pour " + body.displayName + ".");
    await loadStaff();
  }

  byId("staff-form").addEventListener("submit", create);
  shared.sections.staff = async function () {
    await loadOperators();
    await loadStaff();
  };
})();
