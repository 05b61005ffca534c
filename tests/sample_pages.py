"""Synthetic page dumps shared by the cleaner and metadata tests (written for the tests)."""

CBC_STYLE = """Skip to Main Content
CBC Menu
Search
Sign In
News
Politics
Ottawa won't heed U.S. call to return ISIS fighters
Public Safety Minister Ralph Goodale says the proposition is too risky and will not be pursued
Lee Berthiaume · The Canadian Press · Posted: Feb 19, 2019 4:00 AM ET | Last Updated: Feb 19
An Islamic State militant waves a flag in Raqqa, Syria. (Reuters)
Social Sharing
Canada will not answer a call by Washington that U.S. allies bring ISIS volunteers home to \
face prosecution.
Instead, Goodale says, Ottawa will continue to work with its allies in the Five Eyes network to \
gather evidence.
Most of the 60 who came back to Canada returned from Turkey, Iraq or Syria.
Related Stories
Canada left out of ISIS meeting
Minister says Canada will stay in coalition
Comments
To encourage thoughtful and respectful conversations, first and last names will appear with \
each submission to the online communities of this site. Pseudonyms will no longer be permitted.
By submitting a comment, you accept that we have the right to reproduce and publish that comment.
Footer Links
My Account
©2019 CBC/Radio-Canada. All rights reserved.
"""
