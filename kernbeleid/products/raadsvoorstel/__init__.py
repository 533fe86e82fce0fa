"""The raadsvoorstel with its ontwerpbesluit for the raad's decisions (steps 1, 5 and 9, and
the actualisatie): drafting from the project's own content, saving what users write, pages."""
