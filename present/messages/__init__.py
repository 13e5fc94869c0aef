"""Message areas; each module defines MESSAGES = {key: (korean, english)}."""
