# The campaign kit (issue 16): one printable page per topic, written from the glossary and the
# advice. Titles and introductions in plain words.

campaign-h-steps = What you can do
campaign-footer = Made with iotlabel from its glossary and advice. Free to copy and hand out.
campaign-step-support-end = Note the date when updates stop. After it, replace the device or take it off the internet.

campaign-title-updates = Will it still be safe in five years?
campaign-intro-updates = Connected devices need fixes for as long as you use them. Check how long the maker promises them before you buy.
campaign-title-passwords = Passwords and logins
campaign-intro-passwords = A device is only as safe as the way in. Look for a password that is yours alone, and a second step when you log in.
campaign-title-cameras-microphones = Cameras and microphones at home
campaign-intro-cameras-microphones = A device that can see or hear should tell you when it does, and let you turn it off.
campaign-title-data-cloud = Your data and the cloud
campaign-intro-data-cloud = Many devices send what they learn to the maker's servers. Know what goes there, and what happens when the service stops.
campaign-title-reading-the-label = How to read a security label
campaign-intro-reading-the-label = The label sums up what the maker says and what tests found. Here is what its words mean.
campaign-title-someone-you-know = If someone you know is a risk to you
campaign-intro-someone-you-know = Smart devices can be used to watch or follow a person. These steps help you take back control, safely.
