// Training and evaluation commands for the moderation and triage models (filled in by the moderation work).
Console.Error.WriteLine("usage: train | evaluate");
return 2;
