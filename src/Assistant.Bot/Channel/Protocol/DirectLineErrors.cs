namespace Assistant.Bot.Channel.Protocol;

/// <summary>Every 4xx of the channel carries the Direct Line <c>{"error":{"code","message"}}</c> body.</summary>
public static class DirectLineErrors
{
    public static IResult Create(int status, string code, string message) =>
        TypedResults.Json(new ErrorResponse(new ErrorBody(code, message)), statusCode: status);

    public static IResult MissingAuthorization() =>
        Create(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "Missing or invalid Authorization header.");

    public static IResult TokenExpired() =>
        Create(StatusCodes.Status403Forbidden, ErrorCodes.TokenExpired, "The token has expired.");

    public static IResult WrongConversation() =>
        Create(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "The token is not valid for this conversation.");

    public static IResult ConversationNotFound() =>
        Create(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Conversation not found.");

    public static IResult BadSyntax(string message) =>
        Create(StatusCodes.Status400BadRequest, ErrorCodes.BadSyntax, message);

    public static IResult MissingProperty(string property) =>
        Create(StatusCodes.Status400BadRequest, ErrorCodes.MissingProperty, $"The '{property}' property is required.");

    public static IResult TooBig(string message) =>
        Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.MessageSizeTooBig, message);
}
