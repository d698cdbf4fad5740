#!/bin/sh
# Requests recorded by polar-checkout, oldest first. Every secret is masked: set
# POLAR_CHECKOUT_SECRET to the client secret of the session a command names.

# 1 · 2026-11-30T04:02:42.030Z · GET → 200 in 205 ms · session polar_c_…xJmx
curl -X GET http://127.0.0.1:41123/v1/checkouts/client/"$POLAR_CHECKOUT_SECRET" \
  -H 'Polar-Version: 2026-10' \
  -H 'Accept: application/json'
