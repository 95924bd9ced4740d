"""The accessibility statement (deklaracja dostępności) the law requires of a public body."""
