"""A mail sink for the e-mail tests, run by aiosmtpd (Debian's python3-aiosmtpd):

    python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.Sink DIRECTORY

Each accepted message is written whole (as received, with the envelope recipient in X-Sink-To) to DIRECTORY as one
.eml file, through a temporary name then a rename, so a reader never sees half a message. A recipient whose local part
starts with "refused" gets 550 at RCPT TO, as a server does for an unknown mailbox.
"""
import os
import time
import uuid


class Sink:
    def __init__(self, directory):
        self.directory = directory
        os.makedirs(directory, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("smtp_sink.Sink needs the directory to write messages to")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refused"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = "%d-%s" % (time.time_ns(), uuid.uuid4().hex)
        temporary = os.path.join(self.directory, name + ".tmp")
        with open(temporary, "wb") as output:
            output.write(("X-Sink-To: %s\r\n" % ", ".join(envelope.rcpt_tos)).encode("ascii"))
            output.write(envelope.original_content or envelope.content)
        os.rename(temporary, os.path.join(self.directory, name + ".eml"))
        return "250 Message accepted for delivery"
