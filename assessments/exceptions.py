class EditConflict(Exception):
    """Someone else saved this part since the editor loaded it; nothing was written."""

    def __init__(self, current, submitted: dict):
        super().__init__("edit conflict")
        self.current = current
        self.submitted = submitted
