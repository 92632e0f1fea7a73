// The "wrong decision" control shared by the consoles: a button that opens a choice of the right moderation
// label for one user message and sends it to /api/moderation/relabels. The server reads the message itself
// from the stored conversation; the next retraining (admin console, "Classifieurs" tab) learns from it.
// Usage: include after session.js; RelabelControl.create(conversationId, activityId, currentLabel, savedLabel?) returns
// an element; savedLabel is the label a colleague already gave (shown, and can be changed).
(function () {
  "use strict";

  var labels = { ok: "légitime", abusive: "abusif", offtopic: "hors sujet" };

  function create(conversationId, activityId, currentLabel, savedLabel) {
    var box = document.createElement("span");
    box.className = "relabel";
    if (savedLabel) {
      box.appendChild(document.createTextNode("Réétiqueté : " + labels[savedLabel]));
    }
    var open = document.createElement("button");
    open.type = "button";
    open.className = "link";
    open.textContent = savedLabel ? "Modifier" : "Décision erronée";
    box.appendChild(open);
    open.addEventListener("click", function () {
      open.hidden = true;
      var select = document.createElement("select");
      select.setAttribute("aria-label", "Bonne étiquette");
      Object.keys(labels).filter(function (l) { return l !== currentLabel; }).forEach(function (l) {
        var option = document.createElement("option");
        option.value = l;
        option.textContent = labels[l];
        select.appendChild(option);
      });
      var send = document.createElement("button");
      send.type = "button";
      send.className = "secondary";
      send.textContent = "Réétiqueter";
      var status = document.createElement("span");
      status.setAttribute("role", "status");
      box.append(select, send, status);
      send.addEventListener("click", async function () {
        send.disabled = true;
        var response = await window.ConsoleSession.api("/api/moderation/relabels", {
          method: "POST",
          body: { conversationId: conversationId, activityId: activityId, label: select.value }
        });
        if (response.ok) {
          var saved = await response.json();
          box.replaceChildren(document.createTextNode("Réétiqueté : " + labels[saved.label]));
        } else {
          send.disabled = false;
          status.className = "error";
          status.textContent = response.status === 404 ? "Message introuvable (effacé ?)." : "Échec (" + response.status + ").";
        }
      });
    });
    return box;
  }

  window.RelabelControl = { create: create, labels: labels };
})();
