'use strict';
// Intake conversations driven by the real DirectLineJS client over WebSocket, the way WebChat talks.
// Each scenario answers whatever the bot asks (channelData.slot) until it gives a ticket reference, and
// prints one JSON line per scenario; the xunit test that starts the server then checks the stored tickets.
const dl = require('./support/directline');

const referencePattern = /((?:DGS|ICN)-\d{4}-\d{6}) (?:est enregistrée|is recorded)/;

const scenarios = [
  {
    name: 'fr-all-in-one',
    first: "Bonjour, ici Paul Martin, paul.martin@example.com, 06 00 00 00 12. La visio V-room coupe le son de tous les participants depuis ce matin.",
    answers: { consent: 'Accepter et valider', category: 'Incident', customerNumber: 'Pas client', confirmation: 'Confirmer' }
  },
  {
    name: 'en-step-by-step',
    first: 'Hello, I would like to report a problem.',
    answers: {
      consent: 'I accept',
      description: 'My Ibox sync has been failing since yesterday and I cannot share files with my team.',
      product: 'Ibox',
      category: 'Incident',
      name: 'John Smith',
      email: 'john.smith@example.com',
      phone: 'Skip',
      customerNumber: 'Not a customer',
      confirmation: 'Confirm'
    }
  },
  {
    name: 'fr-customer',
    first: 'Ma facture de mars compte deux fois le même abonnement, merci de corriger.',
    answers: {
      consent: 'Accepter et valider',
      product: 'Espace client',
      category: 'Facturation',
      name: 'Claire Petit',
      email: 'claire.petit@example.fr',
      phone: '01 23 45 67 89',
      customerNumber: 'Pas client',
      confirmation: 'Confirmer'
    }
  }
];

const isBotMessage = (activity) => activity.type === 'message' && activity.from.role === 'bot';

async function run(scenario) {
  const { token } = await dl.generateToken();
  const connection = dl.connect({ token, webSocket: true });
  try {
    await connection.waitFor((a) => isBotMessage(a) && a.channelData && a.channelData.slot === 'consent', 'the consent prompt');
    let seen = connection.activities.length;
    let turns = 0;
    let text = scenario.first;
    for (let i = 0; i < 15; i++) {
      turns++;
      console.error(`[${scenario.name}] user: ${text}`);
      await connection.post({ type: 'message', from: { id: 'user' }, text, locale: 'fr-FR' });
      // The bot's turn ends with its first message that is not marked ignoringInput.
      const last = await dl.waitUntil(() => {
        const fresh = connection.activities.slice(seen).filter(isBotMessage);
        return fresh.find((a) => a.inputHint !== 'ignoringInput');
      }, `the bot's answer to "${text}"`, 15000);
      const fresh = connection.activities.slice(seen).filter(isBotMessage);
      seen = connection.activities.indexOf(last) + 1;
      fresh.forEach((a) => console.error(`[${scenario.name}] bot [${(a.channelData && a.channelData.slot) || ''}]: ${a.text}`));
      const filed = fresh.map((a) => referencePattern.exec(a.text || '')).find(Boolean);
      if (filed) {
        return { scenario: scenario.name, userId: dl.userIdOf(token), reference: filed[1], turns };
      }
      const slot = last.channelData && last.channelData.slot;
      text = scenario.answers[slot];
      if (!text) {
        throw new Error(`${scenario.name}: no answer for slot "${slot}" after: ${last.text}`);
      }
    }
    throw new Error(`${scenario.name}: no ticket after 15 messages`);
  } finally {
    connection.end();
  }
}

(async () => {
  for (const scenario of scenarios) {
    console.log(JSON.stringify(await run(scenario)));
  }
  process.exit(0);
})().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
