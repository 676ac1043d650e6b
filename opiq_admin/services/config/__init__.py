"""Where the program keeps its files and the settings a person chooses."""
