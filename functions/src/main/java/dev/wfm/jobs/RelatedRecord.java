package dev.wfm.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A record of a one-to-many ("related") extended property table, one of any number a job holds. */
public record RelatedRecord(String tableName, String recordId, ObjectNode properties) {}
