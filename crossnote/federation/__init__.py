"""ActivityPub federation: WebFinger, NodeInfo, actors, signed inboxes and outboxes, remote follows and notes."""
