"""Synthetic test material with known truth: records (``records``), label images and photos
(``labels``) and the ``samples/`` folder (``samples``). The masking path never imports this
package; canary records (``waybill.trace.canary``) and synthetic releases draw people from
``records`` when asked to.
"""
