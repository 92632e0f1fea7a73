// The "Classifieurs" tab of the admin console: the model sets with their held-out metrics and the comparison with the
// set in service, promote or discard, retraining with the relabelled messages, and the relabels themselves.
// Helpers come from admin.js, api() from /console/session.js.
(function () {
  "use strict";

  var api = window.ConsoleSession.api;
  var shared = window.AdminConsole;
  var byId = shared.byId;
  var element = shared.element;
  var problemText = shared.problemText;
  var row = shared.row;
  var date = shared.date;
  var percent = shared.percent;

  var metricNames = [["moderation.macroF1", "F1 macro", false], ["abusive.recall", "rappel abusif", true],
    ["offtopic.recall", "rappel hors sujet", true], ["ok.flaggedAbusive", "légitimes signalés", true, true]];

  function metric(value, asPercent) {
    return value === undefined ? "–" : asPercent ? percent(value) : value.toFixed(3);
  }

  // The new set against the set served when it was trained, on the same held-out rows.
  function comparison(m) {
    var c = m.comparison;
    if (!c) {
      return "";
    }
    var box = element("div", null, "comparison");
    // Whether the relabels were learned is a count of decisions on them (null in comparisons written before it was measured).
    var learned = c.relabelsDecidedAsLabelled == null ? ""
      : " ; décidés comme réétiquetés : " + c.relabelsDecidedAsLabelled + " par le nouveau jeu, "
        + (c.baselineRelabelsDecidedAsLabelled == null ? "–" : c.baselineRelabelsDecidedAsLabelled) + " par le jeu servi";
    box.appendChild(element("div", "contre " + (c.baselineVersion || "aucun") + ", mêmes " + c.heldOutRows + " messages réservés ; "
      + c.relabelsUsed + " message(s) réétiqueté(s) à l'entraînement" + (c.relabelsSkipped ? ", " + c.relabelsSkipped + " écarté(s) (réservés)" : "")
      + learned));
    metricNames.forEach(function (n) {
      var now = m.metrics[n[0]];
      var before = c.baselineMetrics[n[0]];
      if (now === undefined || before === undefined) {
        return;
      }
      var delta = now - before;
      var lowerIsBetter = n[3] === true;
      var line = element("div", n[1] + " : " + metric(before, n[2]) + " → " + metric(now, n[2]) + " (" + (delta >= 0 ? "+" : "") + (n[2] ? (delta * 100).toFixed(1) + " pt" : delta.toFixed(3)) + ")");
      if (Math.abs(delta) > 1e-9) {
        line.className = (delta > 0) !== lowerIsBetter ? "better" : "worse";
      }
      box.appendChild(line);
    });
    return box;
  }

  function modelAction(label, className, m, path, question) {
    var button = element("button", label, className);
    button.type = "button";
    button.addEventListener("click", async function () {
      var reason = window.prompt(question + " " + m.version + " ?");
      if (!reason) {
        return;
      }
      var response = await api("/api/admin/models/" + encodeURIComponent(m.version) + "/" + path, { method: "POST", body: { reason: reason } });
      byId("models-error").textContent = response.ok ? "" : await problemText(response);
      await loadModels();
    });
    return button;
  }

  async function loadModels() {
    var models = await (await api("/api/admin/models")).json();
    var body = byId("models-body");
    body.replaceChildren();
    models.versions.forEach(function (m) {
      var actions = element("div", null, "actions");
      if (m.current) {
        actions.appendChild(element("strong", "en service"));
      } else {
        var promote = modelAction("Mettre en service", "secondary", m, "promote", "Raison de la mise en service de");
        promote.disabled = !m.gate.passed;
        actions.append(promote, modelAction("Écarter", "danger", m, "discard", "Raison pour écarter"));
      }
      var tr = row([m.version, date(m.trainedAt), metric(m.metrics["moderation.macroF1"]), metric(m.metrics["abusive.recall"], true),
        metric(m.metrics["offtopic.recall"], true), metric(m.metrics["ok.flaggedAbusive"], true), comparison(m),
        m.gate.passed ? "réussie" : "échouée : " + m.gate.failures.join(" ; "), actions]);
      tr.dataset.version = m.version;
      body.appendChild(tr);
    });
  }

  async function loadRelabels() {
    var relabels = await (await api("/api/moderation/relabels")).json();
    byId("relabels-count").textContent = relabels.length;
    var body = byId("relabels-body");
    body.replaceChildren();
    relabels.forEach(function (r) {
      var remove = element("button", "Retirer", "secondary");
      remove.type = "button";
      remove.addEventListener("click", async function () {
        var response = await api("/api/moderation/relabels/" + encodeURIComponent(r.id), { method: "DELETE" });
        byId("models-error").textContent = response.ok ? "" : await problemText(response);
        await loadRelabels();
      });
      var labels = window.RelabelControl.labels;
      var tr = row([date(r.at), r.byName || r.by, r.text, labels[r.originalLabel] || "non évalué", labels[r.label], remove]);
      tr.children[2].className = "details";
      body.appendChild(tr);
    });
  }

  function renderTraining(training) {
    var text = {
      idle: "",
      running: "Réentraînement en cours (lancé par " + training.startedBy + " à " + date(training.startedAt) + ", " + training.relabels + " message(s) réétiqueté(s))…",
      succeeded: "Réentraînement terminé : version " + training.version + " enregistrée, à comparer puis mettre en service ou écarter.",
      failed: "Le réentraînement a échoué : " + training.error
    }[training.state];
    byId("retrain-status").textContent = text;
    byId("retrain").disabled = training.state === "running";
  }

  async function pollTraining() {
    var training = await (await api("/api/admin/models/training")).json();
    renderTraining(training);
    if (training.state === "running") {
      window.setTimeout(pollTraining, 2000);
      return;
    }
    await loadModels();
  }

  async function retrain(event) {
    event.preventDefault();
    var response = await api("/api/admin/models/training", { method: "POST", body: { reason: byId("retrain-reason").value } });
    if (!response.ok) {
      byId("models-error").textContent = await problemText(response);
      return;
    }
    byId("models-error").textContent = "";
    byId("retrain-reason").value = "";
    renderTraining(await response.json());
    window.setTimeout(pollTraining, 2000);
  }

  async function loadSystem() {
    await loadModels();
    await loadRelabels();
    var training = await (await api("/api/admin/models/training")).json();
    renderTraining(training);
    if (training.state === "running") {
      pollTraining();
    }
  }

  byId("retrain-form").addEventListener("submit", retrain);
  shared.sections.system = loadSystem;
})();
