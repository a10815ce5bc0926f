"""The navigation's pages, one package each; registry.py lists them."""
