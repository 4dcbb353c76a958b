{{/*
The chart name, or nameOverride; 63 characters at most (Kubernetes names are DNS labels).
*/}}
{{- define "cdc-connector.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The full name of the release's resources: fullnameOverride, else "<release>-<chart>" (just "<release>" when it
already contains the chart name), 63 characters at most.
*/}}
{{- define "cdc-connector.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
"<chart>-<version>" for the helm.sh/chart label ("+" is not allowed in label values).
*/}}
{{- define "cdc-connector.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The recommended labels on every resource.
*/}}
{{- define "cdc-connector.labels" -}}
helm.sh/chart: {{ include "cdc-connector.chart" . }}
{{ include "cdc-connector.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: connector
app.kubernetes.io/part-of: cdc
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
The labels the Deployment selects its pod by and the Service routes by; never change them on upgrade
(a Deployment's selector is immutable).
*/}}
{{- define "cdc-connector.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cdc-connector.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The ServiceAccount the pod runs as.
*/}}
{{- define "cdc-connector.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "cdc-connector.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The Secret holding mongodb-uri, schema-registry-basic-auth, kafka-sasl-username and kafka-sasl-password.
*/}}
{{- define "cdc-connector.secretName" -}}
{{- default (include "cdc-connector.fullname" .) .Values.existingSecret }}
{{- end }}

{{/*
The image reference; the tag defaults to the chart's appVersion.
*/}}
{{- define "cdc-connector.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
Refuses values that would render a broken release; called from the Deployment.
*/}}
{{- define "cdc-connector.validate" -}}
{{- $config := .Values.config }}
{{- if not $config.http.enabled }}
{{- fail "config.http.enabled must be true: the probes, the Service and the ServiceMonitor need /healthz, /readyz and /metrics" }}
{{- end }}
{{- $graceSeconds := add (div (int $config.pipeline.shutdownGraceMs) 1000) 5 }}
{{- if lt (int .Values.terminationGracePeriodSeconds) (int $graceSeconds) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must be at least config.pipeline.shutdownGraceMs/1000 + 5 (%d), or Kubernetes kills the connector before its final checkpoint" (int .Values.terminationGracePeriodSeconds) (int $graceSeconds)) }}
{{- end }}
{{- if eq $config.checkpoint.store "file" }}
{{- if not (hasPrefix (printf "%s/" (trimSuffix "/" .Values.dataVolume.mountPath)) $config.checkpoint.path) }}
{{- fail (printf "config.checkpoint.path (%q) must be a file under dataVolume.mountPath (%s): the root filesystem is read-only" $config.checkpoint.path .Values.dataVolume.mountPath) }}
{{- end }}
{{- end }}
{{- if not .Values.existingSecret }}
{{- if not .Values.secrets.mongodbUri }}
{{- fail "secrets.mongodbUri (or existingSecret with a mongodb-uri key) is required: the connector needs mongodb.uri" }}
{{- end }}
{{- end }}
{{- $_ := required "config.kafka.bootstrapServers is required" $config.kafka.bootstrapServers }}
{{- $_ = required "config.schemaRegistry.url is required" $config.schemaRegistry.url }}
{{- end }}
