"""One module per data file, each defining ``Contract`` (a :class:`entente.data.DataContract`)."""
