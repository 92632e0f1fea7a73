using System.Text.Encodings.Web;
using Assistant.Ticketing.Operators;

namespace Assistant.Bot.WebChat;

/// <summary>The chat page of one operator: WebChat in French, the operator's name in title and header.</summary>
public static class WebChatPage
{
    public static string Render(OperatorProfile operatorProfile)
    {
        var name = HtmlEncoder.Default.Encode(operatorProfile.Name);
        var id = HtmlEncoder.Default.Encode(operatorProfile.Id);
        return $$"""
            <!DOCTYPE html>
            <html lang="fr">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Assistance {{name}}</title>
              <link rel="stylesheet" href="/css/chat.css">
            </head>
            <body>
              <header class="chat-header">
                <h1>Assistance {{name}}</h1>
                <p>Posez votre question : l'assistant crée votre demande et la transmet à l'équipe {{name}}.</p>
              </header>
              <main id="webchat" class="chat-main" data-operator="{{id}}" data-operator-name="{{name}}" role="main"></main>
              <noscript>Activez JavaScript pour discuter avec l'assistant.</noscript>
              <script src="/lib/webchat.js"></script>
              <script src="/js/chat.js"></script>
            </body>
            </html>
            """;
    }
}
