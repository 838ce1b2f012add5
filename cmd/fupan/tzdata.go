package main

// The time zone database inside the binary: Windows has none where Go is not
// installed, nor has an image built from scratch, and reminders count days
// in the config's timezone: (Asia/Shanghai).
import _ "time/tzdata"
