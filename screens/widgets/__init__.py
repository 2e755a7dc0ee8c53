"""Reusable widgets: the person card, a virtualised row list, small dialogs."""
