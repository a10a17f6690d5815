"""No models yet: this app is a shell until its issue is taken."""
