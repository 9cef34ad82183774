// Placeholder: os-oauth2.js is being written (issue 14).
