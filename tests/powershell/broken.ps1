# A script with one unclosed block: the parse test must reject it (it runs with WILL_FAIL).
param([string]$View)
if ($View -eq 'internal') {
  Write-Host ('view {0}' -f $View)
