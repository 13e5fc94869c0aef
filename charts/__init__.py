"""Chart builders: pure functions returning Altair charts (or pydeck decks); only pages render them."""
