"""Reading the language of questions: option wordings, explanations, prompts, acronyms.

Each module reads one kind of text and returns plain values; rules decide what is wrong.
Every reader is bounded by the length of its input (no pattern can backtrack without end).
"""
