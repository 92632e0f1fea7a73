'use strict';
// DirectLineJS is written for browsers: it needs XMLHttpRequest and WebSocket as globals.
// xhr2 supplies XMLHttpRequest but cannot send FormData, which DirectLineJS uses for uploads, so
// FormData bodies are encoded with Node's own (undici) multipart encoder before xhr2 sends them.
const XMLHttpRequest2 = require('xhr2');
const WebSocket = require('ws');

class XMLHttpRequestWithFormData extends XMLHttpRequest2 {
  send(data) {
    if (typeof FormData !== 'undefined' && data instanceof FormData) {
      const encoded = new Response(data);
      encoded.arrayBuffer().then(
        (bytes) => {
          this.setRequestHeader('Content-Type', encoded.headers.get('content-type'));
          super.send(Buffer.from(bytes));
        },
        (error) => this.dispatchEvent({ type: 'error', error })
      );
      return;
    }
    super.send(data);
  }
}

global.XMLHttpRequest = XMLHttpRequestWithFormData;
global.WebSocket = WebSocket;
