"""Qt user interface of 公开目录助手: windows, pages, dialogs and Qt models (calls catalog/, no rules)."""
