// The form that declares a service notice, shared by the consoles (the agent's "Incidents" view, the admin's "Avis"
// tab): a maintenance (with its window, typed in the browser's local time) or an incident, for one operator's products.
// Usage: include after session.js; NoticeForm.wire(form, windowBox, submitButton) once, then NoticeForm.body(form) for
// the POST /api/notices body and NoticeForm.clear(form) after a declaration. NoticeForm.clearErrors and showProblem
// serve every notice form of the consoles (declare, update, end).
(function () {
  "use strict";

  function kind(form) {
    return form.elements.kind.value;
  }

  function isMaintenance(form) {
    return kind(form) === "maintenance";
  }

  function localToIso(value) {
    return value ? new Date(value).toISOString() : null;
  }

  function productBoxes(form) {
    return Array.prototype.slice.call(form.querySelectorAll("input[name=products]"));
  }

  // The window is asked only for a maintenance, and the button says what will be declared.
  function wire(form, windowBox, submitButton) {
    function onKind() {
      var maintenance = isMaintenance(form);
      windowBox.hidden = !maintenance;
      submitButton.textContent = maintenance ? "Annoncer la maintenance" : "Déclarer l'incident";
    }

    Array.prototype.forEach.call(form.elements.kind, function (radio) { radio.addEventListener("change", onKind); });
  }

  function body(form) {
    var maintenance = isMaintenance(form);
    return {
      operator: form.elements.operator.value.trim(),
      kind: kind(form),
      products: productBoxes(form).filter(function (box) { return box.checked; }).map(function (box) { return box.value; }),
      messageFr: form.elements.messageFr.value,
      messageEn: form.elements.messageEn.value || null,
      startsAt: maintenance ? localToIso(form.elements.startsAt.value) : null,
      endsAt: maintenance ? localToIso(form.elements.endsAt.value) : null
    };
  }

  function clear(form) {
    ["messageFr", "messageEn", "startsAt", "endsAt"].forEach(function (name) { form.elements[name].value = ""; });
    productBoxes(form).forEach(function (box) { box.checked = false; });
  }

  function clearErrors(form) {
    form.querySelectorAll(".error").forEach(function (e) { e.textContent = ""; e.title = ""; });
  }

  // A 400 names each bad field: its message (French, from fieldMessages, the server's English text as the tooltip) goes
  // next to the field, the rest to the form's own line; other statuses get statusMessages[status] or the server's text.
  async function showProblem(form, response, fieldMessages, statusMessages) {
    var problem = await response.json().catch(function () { return {}; });
    var general = form.querySelector("[data-error-for=form]");
    if (response.status === 400 && problem.errors) {
      Object.keys(problem.errors).forEach(function (field) {
        var target = form.querySelector("[data-error-for='" + field + "']") || general;
        target.textContent = fieldMessages[field] || problem.errors[field].join(" ");
        target.title = problem.errors[field].join(" ");
      });
      return;
    }
    general.textContent = statusMessages[response.status] || problem.detail || problem.title || "Erreur " + response.status + ".";
  }

  window.NoticeForm = { wire: wire, body: body, clear: clear, isMaintenance: isMaintenance, clearErrors: clearErrors, showProblem: showProblem };
})();
