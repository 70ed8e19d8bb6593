"""Driving the web editor's form in Chromium (Selenium): finding a field by its label and
setting a value the way React notices. Shared by the editor's screenshots and its browser tests."""

from __future__ import annotations

from typing import Any  # selenium ships no type hints for its element objects


def field(driver: Any, label: str) -> Any:
    """The input of the form field whose label starts with ``label`` (first match)."""
    from selenium.webdriver.common.by import By

    for element in driver.find_elements(By.TAG_NAME, "label"):
        if element.text.upper().startswith(label.upper()):
            return driver.find_element(By.ID, element.get_attribute("for"))
    raise LookupError(f"the editor has no field labelled {label!r}")


def textareas(driver: Any, label: str) -> list[Any]:
    """Every text area whose label starts with ``label``, in the form's order."""
    from selenium.webdriver.common.by import By

    found = []
    for element in driver.find_elements(By.TAG_NAME, "label"):
        if element.text.upper().startswith(label.upper()):
            target = driver.find_element(By.ID, element.get_attribute("for"))
            if target.tag_name == "textarea":
                found.append(target)
    return found


def set_value(driver: Any, element: Any, value: str) -> None:
    """Set an input's value the way React notices (a date-time input takes no typing)."""
    driver.execute_script(
        "const [el, value] = arguments;"
        "const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement : HTMLInputElement;"
        "Object.getOwnPropertyDescriptor(proto.prototype, 'value').set.call(el, value);"
        "el.dispatchEvent(new Event('input', {bubbles: true}));",
        element,
        value,
    )


def choose(element: Any, *texts: str) -> None:
    """Pick each of ``texts`` in a select widget that takes typing (Decap's select)."""
    from selenium.webdriver.common.keys import Keys

    for text in texts:
        element.send_keys(text)
        element.send_keys(Keys.ENTER)
