-- CreateIndex
CREATE INDEX "PpidRequest_unitId_receivedAt_id_idx" ON "PpidRequest"("unitId", "receivedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "PpidRequest_decision_receivedAt_id_idx" ON "PpidRequest"("decision", "receivedAt" DESC, "id" DESC);

